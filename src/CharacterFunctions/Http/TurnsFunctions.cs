using CharacterFunctions.Api;
using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Functions.Http;

/// <summary>
/// Turns, regenerate and selection: player (bearer token) or operator on a player's behalf, checked by the
/// shared handler, so the host route is Anonymous. Each commit is reported to the session actor.
/// </summary>
public static class TurnsFunctions
{
    [Function("Turns_Post")]
    public static Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sessions/{sessionId}/turns")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durable, () => TurnsApi.Post(sessionId, request, HttpBridge.Service<TurnService>(request), HttpBridge.Service<CallerAuthentication>(request), ct));

    [Function("Turns_Regenerate")]
    public static Task<IActionResult> Regenerate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sessions/{sessionId}/regenerate")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durable, () => TurnsApi.Regenerate(sessionId, request, HttpBridge.Service<AlternativesService>(request), HttpBridge.Service<CallerAuthentication>(request), ct));

    [Function("Turns_Select")]
    public static Task<IActionResult> Select(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "sessions/{sessionId}/messages/{seq:long}/selection")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, long seq, CancellationToken ct)
        => HttpBridge.Run(request, durable, () => TurnsApi.Select(sessionId, seq, request, HttpBridge.Service<AlternativesService>(request), HttpBridge.Service<CallerAuthentication>(request), ct));
}
