namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>Body of POST /api/sessions, everything optional so validation (not deserialisation) reports what is missing.</summary>
public sealed record CreateSessionRequest
{
    public List<string>? CharacterIds { get; init; }
    public List<PlayerDefinition>? Players { get; init; }
    public string? Scenario { get; init; }
    public IdleDefinition? Idle { get; init; }

    /// <summary>Long-term memory key; defaults to <c>{characterId}:{playerId}</c> for one-to-one sessions.</summary>
    public string? MemoryKey { get; init; }

    /// <summary>Per character id, which opening starts the session: 0 the opening line, i the i-th alternate greeting.</summary>
    public Dictionary<string, int>? Greetings { get; init; }
}

public sealed record PlayerDefinition
{
    public string? PlayerId { get; init; }
    public string? Name { get; init; }
}

public sealed record IdleDefinition
{
    public int? AfterSeconds { get; init; }

    /// <summary>Defaults to 1 when <see cref="AfterSeconds"/> &gt; 0.</summary>
    public int? MaxNudges { get; init; }
}
