using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Generation;

/// <summary>A model call as a use case makes it: plain (<see cref="IChatModel.CompleteAsync"/>) or streaming.</summary>
public delegate Task<ModelResult> ModelInvoker(ModelCall call, CancellationToken ct);

/// <summary>
/// Runs a generating use case with its model call streamed: deltas of the first attempt are forwarded while
/// the use case goes on to commit, then one Done carries its result. A commit retry calls the model quietly.
/// Failures before the first item throw from the first MoveNextAsync.
/// </summary>
public static class GenerationStream
{
    public static async IAsyncEnumerable<GenerationStreamItem<T>> RunAsync<T>(
        IChatModel model, Func<ModelInvoker, Task<T>> work, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<GenerationStreamItem<T>>(new UnboundedChannelOptions { SingleReader = true });
        var streamed = 0;

        async Task<ModelResult> StreamingInvoke(ModelCall call, CancellationToken token)
        {
            if (Interlocked.Exchange(ref streamed, 1) == 1)
            {
                return await model.CompleteAsync(call, token);
            }
            ModelResult? final = null;
            await foreach (var item in model.StreamAsync(call, token))
            {
                switch (item)
                {
                    case ModelStreamEvent.Delta delta:
                        channel.Writer.TryWrite(new GenerationStreamItem<T>.Delta(delta.ChoiceIndex, delta.Text));
                        break;
                    case ModelStreamEvent.Completed completed:
                        final = ModelResult.Ok(completed.Completion);
                        break;
                    case ModelStreamEvent.Failed failed:
                        final = ModelResult.Fail(failed.Failure);
                        break;
                }
            }
            return final ?? ModelResult.Fail(new ModelFailure(ModelFailureKind.InvalidResponse, null, "stream_incomplete", "The stream ended without a result."));
        }

        var producer = Task.Run(async () =>
        {
            try
            {
                channel.Writer.TryWrite(new GenerationStreamItem<T>.Done(await work(StreamingInvoke)));
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);

        await foreach (var item in channel.Reader.ReadAllAsync(ct))
        {
            yield return item;
        }
        await producer; // rethrows the use case's failure, if any
    }
}
