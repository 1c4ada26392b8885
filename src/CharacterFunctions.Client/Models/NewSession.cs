namespace CharacterFunctions.Client.Models;

/// <summary>Body of POST /api/sessions: one character and one player is a one-to-one chat, more is a group.</summary>
public sealed record NewSession(IReadOnlyList<string> CharacterIds, IReadOnlyList<Player> Players)
{
    /// <summary>Optional group scene, added to each character's system message.</summary>
    public string? Scenario { get; init; }

    /// <summary>Null: the server's default idle policy.</summary>
    public IdlePolicy? Idle { get; init; }
}
