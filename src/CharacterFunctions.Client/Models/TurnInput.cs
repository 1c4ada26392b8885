namespace CharacterFunctions.Client.Models;

/// <summary>What a player says in a turn. The turn id is not here: the client makes one per send and keeps it across retries.</summary>
public sealed record TurnInput(string Text)
{
    /// <summary>False posts the message without a reply (group banter).</summary>
    public bool Reply { get; init; } = true;

    /// <summary>The character that answers in a group (default: one named in the text, else rotation).</summary>
    public string? RespondAs { get; init; }

    /// <summary>Operator only: the player this turn is posted for.</summary>
    public string? PlayerId { get; init; }

    public TurnOptions? Options { get; init; }
}
