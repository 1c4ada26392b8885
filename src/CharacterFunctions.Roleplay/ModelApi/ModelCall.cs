namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Everything the model endpoint receives: the body and the <c>x-dashscope-aca-session</c> header
/// (session cache and long-term memory binding).
/// </summary>
public sealed record ModelCall(ChatCompletionRequest Body, string SessionHeader)
{
    public const string SessionHeaderName = "x-dashscope-aca-session";

    /// <summary>Who the call is for, as telemetry attributes only (never sent to the model).</summary>
    public string? SessionId { get; init; }

    /// <inheritdoc cref="SessionId"/>
    public string? CharacterId { get; init; }
}
