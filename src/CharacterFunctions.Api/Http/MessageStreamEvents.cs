using System.Runtime.CompilerServices;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Generation;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Streamed regenerate and continue as server-sent events, the turn's event names and delta shape:
/// <c>delta</c> <c>{ index, text }</c> while the model writes, then one <c>done</c> with the message the
/// non-streaming route returns.
/// </summary>
public static class MessageStreamEvents
{
    public static async IAsyncEnumerable<ServerSentEvent> From(
        IAsyncEnumerable<GenerationStreamItem<TranscriptMessage>> items, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in items.WithCancellation(ct))
        {
            yield return item switch
            {
                GenerationStreamItem<TranscriptMessage>.Delta delta => new ServerSentEvent("delta", new StreamDelta(delta.Index, delta.Text)),
                GenerationStreamItem<TranscriptMessage>.Done done => new ServerSentEvent("done", MessageResponse.From(done.Result)),
                _ => throw new InvalidOperationException($"Unknown stream item {item.GetType().Name}."),
            };
        }
    }
}

/// <summary>The data of a <c>delta</c> event: text the model just wrote for choice <paramref name="Index"/>.</summary>
public sealed record StreamDelta(int Index, string Text);
