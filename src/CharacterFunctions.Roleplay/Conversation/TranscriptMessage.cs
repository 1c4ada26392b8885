namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>
/// One committed transcript entry. <see cref="Seq"/> is per session, dense, starting at 1.
/// Assistant messages generated with n &gt; 1 or regenerated carry <see cref="Alternatives"/>;
/// <see cref="Text"/> is always the selected alternative.
/// </summary>
public sealed partial record TranscriptMessage
{
    public required long Seq { get; init; }
    public required MessageRole Role { get; init; }
    public required MessageKind Kind { get; init; }

    /// <summary>Display name of who spoke (player or character name); null for events.</summary>
    public string? Speaker { get; init; }

    /// <summary>Player id or character id of who spoke; null for events.</summary>
    public string? SpeakerId { get; init; }

    public required string Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<string>? Alternatives { get; init; }
    public int? Selected { get; init; }
    public TokenUsage? Usage { get; init; }

    /// <summary>Why the model stopped generating <see cref="Text"/> (<c>stop</c>, <c>length</c>, ...); null for non-generated messages.</summary>
    public string? FinishReason { get; init; }

    /// <summary>With <see cref="Alternatives"/>: the finish reason of each, so selecting one also selects its reason.</summary>
    public IReadOnlyList<string?>? AlternativeFinishReasons { get; init; }

    /// <summary>The turn that wrote this message (idempotency recovery), if any.</summary>
    public string? TurnId { get; init; }

    /// <summary>Client ids of the continuations appended to this reply, so a retried continue appends nothing twice.</summary>
    public IReadOnlyList<string>? ContinueIds { get; init; }

    /// <summary>The game event this message records, if any.</summary>
    public string? EventId { get; init; }

    /// <summary>
    /// For generated messages: the first transcript seq that was in the prompt, and the seed used,
    /// so regenerate can re-ask with exactly the same messages.
    /// </summary>
    public long? ContextFromSeq { get; init; }
    public long? Seed { get; init; }

    /// <summary>
    /// For replies: the turn's own sampling options (temperature, topP, maxTokens, logitBias...), so a
    /// regenerate samples the same way and differs only by its seed. Null when the turn sent none.
    /// </summary>
    public TurnOptions? TurnOptions { get; init; }
}
