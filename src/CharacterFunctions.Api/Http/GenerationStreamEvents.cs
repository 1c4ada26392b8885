using System.Runtime.CompilerServices;
using CharacterFunctions.Roleplay.Generation;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// A generation stream (streamed regenerate, continue and one-off generate) as server-sent events with the turn's
/// event names and delta shape: <c>delta</c> <c>{ index, text }</c> while the model writes, then one <c>done</c>
/// carrying what the non-streaming route returns (<paramref name="done"/> maps the result to it).
/// </summary>
public static class GenerationStreamEvents
{
    public static async IAsyncEnumerable<ServerSentEvent> From<T>(
        IAsyncEnumerable<GenerationStreamItem<T>> items, Func<T, object> done, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in items.WithCancellation(ct))
        {
            yield return item switch
            {
                GenerationStreamItem<T>.Delta delta => new ServerSentEvent("delta", new StreamDelta(delta.Index, delta.Text)),
                GenerationStreamItem<T>.Done result => new ServerSentEvent("done", done(result.Result)),
                _ => throw new InvalidOperationException($"Unknown stream item {item.GetType().Name}."),
            };
        }
    }
}

/// <summary>The data of a <c>delta</c> event: text the model just wrote for choice <paramref name="Index"/>.</summary>
public sealed record StreamDelta(int Index, string Text);
