using System.Runtime.CompilerServices;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Generation;
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
                return await ServerSentEvents.StartAsync(Stream(generation.StreamAsync(caller, body, ct), ct), ct);
            }
            return ApiResults.Ok(GenerateResponse.From(await generation.GenerateAsync(caller, body, ct)));
        });

    private static async IAsyncEnumerable<ServerSentEvent> Stream(
        IAsyncEnumerable<GenerationStreamItem<GenerateResult>> items, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in items.WithCancellation(ct))
        {
            yield return item switch
            {
                GenerationStreamItem<GenerateResult>.Delta delta => new ServerSentEvent("delta", new StreamDelta(delta.Index, delta.Text)),
                GenerationStreamItem<GenerateResult>.Done done => new ServerSentEvent("done", GenerateResponse.From(done.Result)),
                _ => throw new InvalidOperationException($"Unknown stream item {item.GetType().Name}."),
            };
        }
    }
}
