using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Who is calling, read from the request in one place for every route: <c>x-functions-key</c> or, by the
/// Functions convention, <c>?code=</c> (operator; the value is never logged) or <c>Authorization: Bearer</c>
/// (a player's session token), checked by the core's <see cref="CallerAuthentication"/>. Missing or bad
/// credentials: 401; valid ones for something else: 403.
/// </summary>
public static class Callers
{
    public const string FunctionKeyHeader = "x-functions-key";

    /// <summary>The query parameter the Functions host accepts for keys; the header wins when both are sent.</summary>
    public const string FunctionKeyQuery = "code";

    /// <summary>Operator-only routes: a valid player token is still refused (403).</summary>
    public static Caller RequireOperator(HttpRequest request, CallerAuthentication authentication)
    {
        var caller = Resolve(request, authentication);
        return caller.IsOperator
            ? caller
            : throw new RoleplayException(ProblemKind.Forbidden, "Operator access required.",
                "This operation needs the operator key (x-functions-key); a player token is not enough.");
    }

    /// <summary>Session routes: the operator, or a player whose token is bound to this session.</summary>
    public static Caller RequireSessionAccess(HttpRequest request, string sessionId, CallerAuthentication authentication)
    {
        var caller = Resolve(request, authentication);
        SessionAccess.Demand(caller, sessionId);
        return caller;
    }

    /// <summary>Operator or player, not yet checked against a session.</summary>
    public static Caller Resolve(HttpRequest request, CallerAuthentication authentication)
    {
        var functionKey = request.Headers[FunctionKeyHeader].ToString();
        if (functionKey.Length == 0)
        {
            functionKey = request.Query[FunctionKeyQuery].ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        var token = authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
        return authentication.Authenticate(functionKey, token);
    }
}
