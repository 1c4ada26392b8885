using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Turns;

/// <summary>What a turn request must satisfy before any work: field rules, the turn id, and who speaks.</summary>
public static class TurnRequestRules
{
    public const int MaxTextLength = 4000;
    public const int MaxTurnIdLength = 128;

    public static (TurnRequest Body, string Text, string? TurnId) Validate(TurnRequest? request, string? header)
    {
        if (request is null)
        {
            throw RoleplayException.Invalid("body", "A JSON body is required.");
        }
        var errors = new ValidationErrors();
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("text", "Required: the player's message.");
        }
        else if (request.Text!.Length > MaxTextLength)
        {
            errors.Add("text", $"At most {MaxTextLength} characters.");
        }

        var bodyId = string.IsNullOrWhiteSpace(request.TurnId) ? null : request.TurnId;
        var headerId = string.IsNullOrWhiteSpace(header) ? null : header;
        if (bodyId is not null && headerId is not null && !string.Equals(bodyId, headerId, StringComparison.Ordinal))
        {
            errors.Add("turnId", "The body turnId and the Idempotency-Key header differ.");
        }
        var turnId = bodyId ?? headerId;
        if (turnId is { Length: > MaxTurnIdLength })
        {
            errors.Add("turnId", $"At most {MaxTurnIdLength} characters.");
        }
        if (request.RespondAs is { Length: 0 })
        {
            errors.Add("respondAs", "Must be a character id when given.");
        }
        if (request.Options is { } options)
        {
            // Field rules now; the speaker's model bounds are checked once the speaker is known.
            SamplingRules.Validate("options", options.Temperature, options.TopP, options.MaxTokens, options.N, options.Seed, options.LogitBias, null, errors);
        }
        return errors.IsEmpty ? (request, text, turnId) : throw RoleplayException.Invalid(errors.ToDictionary());
    }

    /// <summary>Players speak as their token's player; an operator names one, or a one-player session implies it.</summary>
    public static Player ResolvePlayer(SessionRecord session, Caller caller, string? requestedPlayerId)
    {
        if (!caller.IsOperator)
        {
            if (requestedPlayerId is not null && !string.Equals(requestedPlayerId, caller.PlayerId, StringComparison.Ordinal))
            {
                throw RoleplayException.Invalid("playerId", "Only an operator may post for another player.");
            }
            return session.Players.FirstOrDefault(p => p.PlayerId == caller.PlayerId)
                ?? throw new RoleplayException(ProblemKind.Forbidden, "Access denied.", "The access token's player is not part of this session.");
        }
        if (requestedPlayerId is not null)
        {
            return session.Players.FirstOrDefault(p => p.PlayerId == requestedPlayerId)
                ?? throw RoleplayException.Invalid("playerId", "Must be a player of this session.");
        }
        return session.Players.Count == 1
            ? session.Players[0]
            : throw RoleplayException.Invalid("playerId", "Required when an operator posts in a session with several players.");
    }

    /// <summary>respondAs, when given, must name a character of the session.</summary>
    public static void RequireRespondAs(SessionRecord session, string? respondAs)
    {
        if (respondAs is not null && !session.CharacterIds.Contains(respondAs, StringComparer.Ordinal))
        {
            throw RoleplayException.Invalid("respondAs", "Must be a character of this session.");
        }
    }
}
