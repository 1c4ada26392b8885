using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>Answers from a script (or a default echo), records every call it receives.</summary>
internal sealed class FakeChatModel : IChatModel
{
    private readonly ConcurrentQueue<Func<ModelCall, Task<ModelResult>>> _script = new();
    private readonly ConcurrentQueue<ModelCall> _calls = new();
    private int _counter;

    public bool IsOffline => false;

    public IReadOnlyList<ModelCall> Calls => _calls.ToList();

    public static readonly TokenUsage Usage = new(100, 20, 10);

    public FakeChatModel Then(Func<ModelCall, ModelResult> answer) => ThenAsync(call => Task.FromResult(answer(call)));

    /// <summary>An answer that does something first (e.g. lets a player commit while the model "thinks").</summary>
    public FakeChatModel ThenAsync(Func<ModelCall, Task<ModelResult>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public FakeChatModel ThenReply(params string[] choices) => Then(_ => Ok(choices));

    public FakeChatModel ThenFail(ModelFailureKind kind, string? code = null, TimeSpan? retryAfter = null) =>
        Then(_ => ModelResult.Fail(new ModelFailure(kind, 500, code, "provider said something about the prompt", "req-1", retryAfter)));

    public static ModelResult Ok(params string[] choices) =>
        ModelResult.Ok(new ChatCompletion("c", "m", choices, choices.Select(_ => (string?)"stop").ToList(), Usage));

    public async Task<ModelResult> CompleteAsync(ModelCall call, CancellationToken ct)
    {
        _calls.Enqueue(call);
        var n = Interlocked.Increment(ref _counter);
        return _script.TryDequeue(out var answer)
            ? await answer(call)
            : Ok(Enumerable.Range(0, call.Body.N ?? 1).Select(i => $"answer {n}.{i}").ToArray());
    }

    public async IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelCall call, [EnumeratorCancellation] CancellationToken ct)
    {
        var result = await CompleteAsync(call, ct);
        if (result.Completion is { } completion)
        {
            for (var i = 0; i < completion.Choices.Count; i++)
            {
                foreach (var word in completion.Choices[i].Split(' '))
                {
                    yield return new ModelStreamEvent.Delta(i, word + " ");
                }
            }
            yield return new ModelStreamEvent.Completed(completion);
        }
        else
        {
            yield return new ModelStreamEvent.Failed(result.Failure!);
        }
    }
}
