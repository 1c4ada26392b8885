using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>
/// POST /api/sessions/{id}/events (operator) — the local stand-in for the Service Bus queue: 202 when
/// accepted, 200 for a duplicate or a dropped event (ended session), 404 for an unknown session.
/// </summary>
public static class EventsApi
{
    public static Task<IResult> Post(string sessionId, HttpRequest request, GameEventIntake intake, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            var body = await JsonBody.ReadRequiredAsync<GameEvent>(request, ct);
            if (!string.IsNullOrEmpty(body.SessionId) && body.SessionId != sessionId)
            {
                throw RoleplayException.Invalid("sessionId", "Must be omitted or equal the session id of the route.");
            }

            var gameEvent = body with { SessionId = sessionId };
            return await intake.AcceptAsync(gameEvent, ct) switch
            {
                EventDisposition.Accepted => ApiResults.Json(new EventResponse(gameEvent.EventId, "accepted"), StatusCodes.Status202Accepted),
                EventDisposition.Duplicate => ApiResults.Ok(new EventResponse(gameEvent.EventId, "duplicate")),
                EventDisposition.SessionEnded => ApiResults.Ok(new EventResponse(gameEvent.EventId, "dropped")),
                EventDisposition.UnknownSession => throw RoleplayException.NotFound($"Session '{sessionId}'"),
                var other => throw new InvalidOperationException($"Unknown event disposition {other}."),
            };
        });
}
