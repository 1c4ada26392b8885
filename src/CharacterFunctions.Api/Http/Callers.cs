using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Who is calling, decided in one place for every route: <c>x-functions-key</c> or, by the Functions
/// convention, <c>?code=</c> (operator, checked in constant time by the core's <see cref="OperatorKey"/>;
/// the value is never logged) or <c>Authorization: Bearer</c> (a player's session token). Missing or bad
/// credentials: 401; valid ones for something else: 403.
/// </summary>
public static class Callers
{
    public const string FunctionKeyHeader = "x-functions-key";

    /// <summary>The query parameter the Functions host accepts for keys; the header wins when both are sent.</summary>
    public const string FunctionKeyQuery = "code";

    /// <summary>Operator-only routes: a valid player token is still refused (403).</summary>
    public static Caller RequireOperator(HttpRequest request)
    {
        var caller = Resolve(request);
        return caller.IsOperator
            ? caller
            : throw new RoleplayException(ProblemKind.Forbidden, "Operator access required.",
                "This operation needs the operator key (x-functions-key); a player token is not enough.");
    }

    /// <summary>Session routes: the operator, or a player whose token is bound to this session.</summary>
    public static Caller RequireSessionAccess(HttpRequest request, string sessionId)
    {
        var caller = Resolve(request);
        SessionAccess.Demand(caller, sessionId);
        return caller;
    }

    /// <summary>Operator or player, not yet checked against a session.</summary>
    public static Caller Resolve(HttpRequest request)
    {
        var services = request.HttpContext.RequestServices;
        var functionKey = request.Headers[FunctionKeyHeader].ToString();
        if (functionKey.Length == 0)
        {
            functionKey = request.Query[FunctionKeyQuery].ToString();
        }

        if (functionKey.Length > 0)
        {
            return services.GetRequiredService<OperatorKey>().Matches(functionKey)
                ? Caller.Operator
                : throw Unauthorized("The operator key is not valid.");
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[bearer.Length..].Trim();
            return services.GetRequiredService<SessionTokens>().Validate(token) is { } claims
                ? Caller.Player(claims.SessionId, claims.PlayerId)
                : throw Unauthorized("The access token is invalid or expired.");
        }

        throw Unauthorized("Send x-functions-key (operator) or Authorization: Bearer <accessToken> (player).");
    }

    private static RoleplayException Unauthorized(string detail) =>
        new(ProblemKind.Unauthorized, "Authentication required.", detail);
}
