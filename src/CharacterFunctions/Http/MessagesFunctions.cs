using CharacterFunctions.Api;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CharacterFunctions.Functions.Http;

/// <summary>The transcript page (and long poll): player or operator, checked by the shared handler.</summary>
public sealed class MessagesFunctions(SessionService sessions, CallerAuthentication authentication)
{
    [Function("Messages_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions/{sessionId}/messages")] HttpRequest request,
        string sessionId, CancellationToken ct)
        => HttpBridge.Run(request, () => MessagesApi.List(sessionId, request, sessions, authentication, ct));
}
