using System.Text.Json;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi.Wire;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>Turns a 200 <c>chat.completion</c> body into a <see cref="ChatCompletion"/> or an InvalidResponse failure.</summary>
internal static class CompletionParser
{
    public static ModelResult Parse(ReadOnlySpan<byte> body, string requestedModel, string? headerRequestId)
    {
        CompletionWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(body, ModelWireJson.Default.CompletionWire);
        }
        catch (JsonException)
        {
            return Invalid("The model provider answered with malformed JSON.", headerRequestId);
        }

        if (wire?.Choices is not { Count: > 0 } choices)
        {
            // A 200 carrying an error object (some gateways do that) is still not a completion.
            return Invalid("The model provider answered without choices.", wire?.Id ?? headerRequestId);
        }

        var ordered = choices.OrderBy(c => c.Index).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Index != i)
            {
                return Invalid("The model provider answered with inconsistent choice indexes.", wire.Id ?? headerRequestId);
            }

            if (ordered[i].Message?.Content is null)
            {
                return Invalid("The model provider answered a choice without text.", wire.Id ?? headerRequestId);
            }
        }

        return ModelResult.Ok(new ChatCompletion(
            wire.Id ?? headerRequestId ?? "",
            wire.Model ?? requestedModel,
            ordered.Select(c => c.Message!.Content!).ToList(),
            ordered.Select(c => c.FinishReason).ToList(),
            ToUsage(wire.Usage)));
    }

    public static TokenUsage ToUsage(UsageWire? usage) =>
        usage is null
            ? TokenUsage.Zero
            : new TokenUsage(usage.PromptTokens, usage.CompletionTokens, usage.PromptTokensDetails?.CachedTokens ?? 0);

    private static ModelResult Invalid(string message, string? requestId) =>
        ModelResult.Fail(ProviderFailureMapping.Invalid(200, message, requestId));
}
