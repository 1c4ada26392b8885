using CharacterFunctions.Api;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Functions.Http;

/// <summary>
/// Sessions. Creating one is operator only (host-checked function key). Reading and ending one is open to
/// the session's players too, so the host lets the request through (Anonymous) and the shared handler
/// checks the bearer token or operator key itself. Every route may touch the session actor, hence the
/// Durable client.
/// </summary>
public sealed class SessionsFunctions(SessionService sessions, CallerAuthentication authentication, DurableClientAccessor durableAccessor)
{
    [Function("Sessions_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sessions")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => SessionsApi.Create(request, sessions, authentication, ct));

    [Function("Sessions_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => SessionsApi.Get(sessionId, request, sessions, authentication, ct));

    [Function("Sessions_End")]
    public Task<IActionResult> End(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "sessions/{sessionId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, durableAccessor, durable, () => SessionsApi.End(sessionId, request, sessions, authentication, ct));
}
