using CharacterFunctions.Api;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Continuations;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Functions.Http;

/// <summary>
/// Turns, regenerate, selection and continue: player (bearer token) or operator on a player's behalf, checked by the
/// shared handler, so the host route is Anonymous. Each commit is reported to the session actor.
/// </summary>
public sealed class TurnsFunctions(
    TurnService turns, AlternativesService alternatives, ContinuationService continuations, CallerAuthentication authentication, DurableClientAccessor durableAccessor)
{
    [Function("Turns_Post")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sessions/{sessionId}/turns")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => TurnsApi.Post(sessionId, request, turns, authentication, ct));

    [Function("Turns_Regenerate")]
    public Task<IActionResult> Regenerate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sessions/{sessionId}/regenerate")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => TurnsApi.Regenerate(sessionId, request, alternatives, authentication, ct));

    [Function("Turns_Select")]
    public Task<IActionResult> Select(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "sessions/{sessionId}/messages/{seq:long}/selection")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, long seq, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => TurnsApi.Select(sessionId, seq, request, alternatives, authentication, ct));

    [Function("Turns_Continue")]
    public Task<IActionResult> Continue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sessions/{sessionId}/messages/{seq:long}/continue")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, long seq, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => ContinueApi.Post(sessionId, seq, request, continuations, authentication, ct));

    [Function("Turns_Preview")]
    public Task<IActionResult> Preview(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sessions/{sessionId}/turns/preview")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => TurnPreviewApi.Post(sessionId, request, turns, authentication, ct));
}
