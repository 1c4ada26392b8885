using CharacterFunctions.Api;
using CharacterFunctions.Roleplay.OneOff;
using CharacterFunctions.Roleplay.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CharacterFunctions.Functions.Http;

/// <summary>One-off personified content generation (operator): no session, so no actor to report to.</summary>
public sealed class GenerateFunction(OneOffGenerationService generation, CallerAuthentication authentication)
{
    [Function("Generate_Post")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "generate")] HttpRequest request,
        CancellationToken ct)
        => HttpBridge.Run(request, () => GenerateApi.Post(request, generation, authentication, ct));
}
