using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client.Json;

/// <summary>POST .../turns: the player's input plus the turn id that makes retries safe.</summary>
internal sealed record TurnBody(string TurnId, string Text, bool Reply, string? RespondAs, string? PlayerId, TurnOptions? Options)
{
    public static TurnBody From(string turnId, TurnInput input) =>
        new(turnId, input.Text, input.Reply, input.RespondAs, input.PlayerId, input.Options);
}

/// <summary>Data of an SSE <c>delta</c> event: text appended to alternative <see cref="Index"/>.</summary>
internal sealed record DeltaBody(int Index, string Text);

/// <summary>POST .../regenerate.</summary>
internal sealed record RegenerateBody(long? Seed);

/// <summary>PUT .../messages/{seq}/selection.</summary>
internal sealed record SelectionBody(int Index);

/// <summary>POST .../messages/{seq}/continue: the client's id makes a retried continuation safe.</summary>
internal sealed record ContinueBody(string ContinueId);
