using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Continuations;
using CharacterFunctions.Roleplay.Security;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>
/// POST /api/sessions/{id}/messages/{seq}/continue (JSON or SSE): appends the continuation of a reply cut off by
/// the output limit. Optional body <c>{ "continueId" }</c> or an <c>Idempotency-Key</c> header makes it retry-safe.
/// Player token or operator.
/// </summary>
public static class ContinueApi
{
    public static Task<IResult> Post(string sessionId, long seq, HttpRequest request, ContinuationService continuations, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            var body = await JsonBody.ReadOptionalAsync<ContinueRequest>(request, ct);
            var idempotencyKey = request.Headers[TurnsApi.IdempotencyKeyHeader].ToString() is { Length: > 0 } key ? key : null;

            if (ServerSentEvents.IsAccepted(request))
            {
                return await ServerSentEvents.StartAsync(
                    GenerationStreamEvents.From(continuations.StreamContinueAsync(sessionId, caller, seq, body, idempotencyKey, ct), MessageResponse.From, ct), ct);
            }

            var message = await continuations.ContinueAsync(sessionId, caller, seq, body, idempotencyKey, ct);
            return ApiResults.Ok(MessageResponse.From(message));
        });
}
