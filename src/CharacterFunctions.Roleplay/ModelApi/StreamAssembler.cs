using System.Text;
using System.Text.Json;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi.Wire;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Accumulates the <c>data:</c> payloads of a streamed completion: per-choice text, finish reasons and the
/// usage of the final chunk (sent because we ask for <c>stream_options.include_usage</c>).
/// </summary>
internal sealed class StreamAssembler(string requestedModel)
{
    private readonly List<StringBuilder> _texts = [];
    private readonly List<string?> _finishReasons = [];
    private string? _id;
    private string? _model;
    private TokenUsage _usage = TokenUsage.Zero;

    /// <summary>Set when a chunk carried an <c>error</c> object instead of choices.</summary>
    public ModelFailure? Failure { get; private set; }

    /// <summary>True once every choice seen so far has a finish reason.</summary>
    public bool AllChoicesFinished => _texts.Count > 0 && _finishReasons.All(r => r is not null);

    /// <summary>
    /// Applies one payload and returns the text deltas it carried, in choice order.
    /// Returns null when the payload is not valid chunk JSON.
    /// </summary>
    public IReadOnlyList<ModelStreamEvent.Delta>? Apply(string payload)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (doc.RootElement.TryGetProperty("error", out _))
            {
                Failure = ProviderFailureMapping.FromStreamError(ProviderError.FromElement(doc.RootElement));
                return [];
            }

            CompletionWire? chunk;
            try
            {
                chunk = doc.RootElement.Deserialize(ModelWireJson.Default.CompletionWire);
            }
            catch (JsonException)
            {
                return null;
            }

            return chunk is null ? null : Apply(chunk);
        }
    }

    private List<ModelStreamEvent.Delta> Apply(CompletionWire chunk)
    {
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        if (chunk.Usage is not null)
        {
            _usage = CompletionParser.ToUsage(chunk.Usage);
        }

        var deltas = new List<ModelStreamEvent.Delta>();
        foreach (var choice in chunk.Choices ?? [])
        {
            if (choice.Index is < 0 or > 127)
            {
                continue; // n is at most 4 for this model; ignore nonsense rather than allocate for it
            }

            while (_texts.Count <= choice.Index)
            {
                _texts.Add(new StringBuilder());
                _finishReasons.Add(null);
            }

            if (choice.Delta?.Content is { Length: > 0 } text)
            {
                _texts[choice.Index].Append(text);
                deltas.Add(new ModelStreamEvent.Delta(choice.Index, text));
            }

            if (choice.FinishReason is not null)
            {
                _finishReasons[choice.Index] = choice.FinishReason;
            }
        }

        return deltas;
    }

    /// <summary>The assembled completion, or an InvalidResponse failure when no choice ever arrived.</summary>
    public ModelResult Complete(string? headerRequestId) =>
        _texts.Count == 0
            ? ModelResult.Fail(ProviderFailureMapping.Invalid(200, "The model stream carried no choices.", _id ?? headerRequestId))
            : ModelResult.Ok(new ChatCompletion(
                _id ?? headerRequestId ?? "",
                _model ?? requestedModel,
                _texts.Select(t => t.ToString()).ToList(),
                _finishReasons.ToList(),
                _usage));
}
