using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.OneOff;
using CharacterFunctions.Roleplay.Security;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>POST /api/generate (operator, JSON or SSE): one-off personified content generation, no session.</summary>
public static class GenerateApi
{
    public static Task<IResult> Post(HttpRequest request, OneOffGenerationService generation, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireOperator(request, authentication);
            var body = await JsonBody.ReadRequiredAsync<GenerateRequest>(request, ct);
            if (ServerSentEvents.IsAccepted(request))
            {
                return await ServerSentEvents.StartAsync(GenerationStreamEvents.From(generation.StreamAsync(caller, body, ct), GenerateResponse.From, ct), ct);
            }
            return ApiResults.Ok(GenerateResponse.From(await generation.GenerateAsync(caller, body, ct)));
        });
}
