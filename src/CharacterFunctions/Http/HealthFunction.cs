using CharacterFunctions.Api;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Functions.Http;

/// <summary>Liveness for probes and deploy checks: anonymous, no secrets in the answer.</summary>
public sealed class HealthFunction(IOptions<ModelOptions> modelOptions, IChatModel model)
{
    [Function("Health_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken ct)
        => HttpBridge.Run(request, () => HealthApi.Get(request, modelOptions, model));
}
