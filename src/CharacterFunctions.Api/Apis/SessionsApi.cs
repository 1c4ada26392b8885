using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>POST /api/sessions (operator), GET and DELETE /api/sessions/{id} (player or operator).</summary>
public static class SessionsApi
{
    public static Task<IResult> Create(HttpRequest request, SessionService sessions, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            var body = await JsonBody.ReadRequiredAsync<CreateSessionRequest>(request, ct);
            var created = await sessions.CreateAsync(body, ct);
            var response = CreateSessionResponse.From(created);
            return ApiResults.Created($"/api/sessions/{Uri.EscapeDataString(response.SessionId)}", response);
        });

    public static Task<IResult> Get(string sessionId, HttpRequest request, SessionService sessions, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            var view = await sessions.GetAsync(sessionId, caller, ct);
            return ApiResults.Ok(SessionResponse.From(view));
        });

    public static Task<IResult> End(string sessionId, HttpRequest request, SessionService sessions, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            await sessions.EndAsync(sessionId, caller, ct);
            return TypedResults.NoContent();
        });
}
