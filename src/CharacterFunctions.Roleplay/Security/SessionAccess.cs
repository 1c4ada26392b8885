using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Security;

/// <summary>The one rule for who may touch a session: the operator, or a player whose token names it.</summary>
public static class SessionAccess
{
    public static bool Allows(Caller caller, string sessionId) =>
        caller.IsOperator || (caller.SessionId is not null && string.Equals(caller.SessionId, sessionId, StringComparison.Ordinal) && caller.PlayerId is not null);

    /// <summary>Throws Forbidden when <paramref name="caller"/> may not access <paramref name="sessionId"/>.</summary>
    public static void Demand(Caller caller, string sessionId)
    {
        if (!Allows(caller, sessionId))
        {
            throw new RoleplayException(ProblemKind.Forbidden, "Access denied.", "The access token belongs to another session.");
        }
    }
}
