using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>
/// POST /api/sessions/{id}/turns/preview?stream=false (operator): the body of a turn in, the exact model
/// request that turn would send out. Calls no model and changes nothing; <c>stream=true</c> shows the
/// streamed form (what <c>Accept: text/event-stream</c> on the turn sends).
/// </summary>
public static class TurnPreviewApi
{
    public static Task<IResult> Post(string sessionId, HttpRequest request, TurnService turns, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireOperator(request, authentication);
            var streaming = Streaming(request.Query);
            var body = await JsonBody.ReadRequiredAsync<TurnRequest>(request, ct);
            var idempotencyKey = request.Headers[TurnsApi.IdempotencyKeyHeader].ToString() is { Length: > 0 } key ? key : null;
            var call = await turns.PreviewTurnAsync(sessionId, caller, body, idempotencyKey, ct);
            return ApiResults.Ok(TurnPreviewResponse.From(call, streaming));
        });

    private static bool Streaming(IQueryCollection query)
    {
        var raw = query["stream"].ToString();
        if (raw.Length == 0)
        {
            return false;
        }
        return bool.TryParse(raw, out var value)
            ? value
            : throw RoleplayException.Invalid("stream", "Must be true or false.");
    }
}
