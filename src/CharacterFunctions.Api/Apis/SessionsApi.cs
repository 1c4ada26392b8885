using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Api;

/// <summary>POST /api/sessions (operator), GET and DELETE /api/sessions/{id} (player or operator).</summary>
public static class SessionsApi
{
    public static Task<IResult> Create(HttpRequest request, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request);
            var body = await JsonBody.ReadRequiredAsync<CreateSessionRequest>(request, ct);
            var created = await Service(request).CreateAsync(body, ct);
            var response = CreateSessionResponse.From(created);
            return ApiResults.Created($"/api/sessions/{Uri.EscapeDataString(response.SessionId)}", response);
        });

    public static Task<IResult> Get(HttpRequest request, string sessionId, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId);
            var view = await Service(request).GetAsync(sessionId, caller, ct);
            return ApiResults.Ok(SessionResponse.From(view));
        });

    public static Task<IResult> End(HttpRequest request, string sessionId, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId);
            await Service(request).EndAsync(sessionId, caller, ct);
            return Results.NoContent();
        });

    private static SessionService Service(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<SessionService>();
}
