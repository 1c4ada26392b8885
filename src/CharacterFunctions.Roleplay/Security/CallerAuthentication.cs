using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Security;

/// <summary>
/// Who presented which credential: the operator key (checked in constant time) wins over a player's
/// session token. Missing or bad credentials are 401; what a valid caller may touch is
/// <see cref="SessionAccess"/>'s rule.
/// </summary>
public sealed class CallerAuthentication(OperatorKey operatorKey, SessionTokens tokens)
{
    /// <param name="operatorKeyPresented">The operator key as sent (x-functions-key), or null/empty.</param>
    /// <param name="bearerToken">The session access token (Authorization: Bearer), or null when none was sent.</param>
    public Caller Authenticate(string? operatorKeyPresented, string? bearerToken)
    {
        if (!string.IsNullOrEmpty(operatorKeyPresented))
        {
            return operatorKey.Matches(operatorKeyPresented)
                ? Caller.Operator
                : throw Unauthorized("The operator key is not valid.");
        }
        if (bearerToken is not null)
        {
            return tokens.Validate(bearerToken) is { } claims
                ? Caller.Player(claims.SessionId, claims.PlayerId)
                : throw Unauthorized("The access token is invalid or expired.");
        }
        throw Unauthorized("Send x-functions-key (operator) or Authorization: Bearer <accessToken> (player).");
    }

    private static RoleplayException Unauthorized(string detail) =>
        new(ProblemKind.Unauthorized, "Authentication required.", detail);
}
