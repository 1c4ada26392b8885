using CharacterFunctions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CharacterFunctions.Functions.Http;

/// <summary>Liveness for probes and deploy checks: anonymous, no secrets in the answer.</summary>
public sealed class HealthFunction
{
    [Function("Health_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken ct)
        => HttpBridge.Run(request, () => HealthApi.Get(request, ct));
}
