using System.Runtime.CompilerServices;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>
/// Turns (POST /api/sessions/{id}/turns, JSON or SSE), regenerate (JSON or SSE), and selection of an alternative.
/// Each handler names what it needs; minimal APIs bind the services from DI, the Functions app passes them.
/// Player token or operator.
/// </summary>
public static class TurnsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static Task<IResult> Post(string sessionId, HttpRequest request, TurnService turns, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            var body = await JsonBody.ReadRequiredAsync<TurnRequest>(request, ct);
            var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString() is { Length: > 0 } key ? key : null;

            if (ServerSentEvents.IsAccepted(request))
            {
                return await ServerSentEvents.StartAsync(Stream(turns, sessionId, caller, body, idempotencyKey, ct), ct);
            }

            var result = await turns.PostTurnAsync(sessionId, caller, body, idempotencyKey, ct);
            return ApiResults.Ok(TurnResponse.From(result));
        });

    public static Task<IResult> Regenerate(string sessionId, HttpRequest request, AlternativesService alternatives, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            var body = await JsonBody.ReadOptionalAsync<RegenerateRequest>(request, ct);
            if (ServerSentEvents.IsAccepted(request))
            {
                return await ServerSentEvents.StartAsync(
                    GenerationStreamEvents.From(alternatives.StreamRegenerateAsync(sessionId, caller, body?.Seed, ct), MessageResponse.From, ct), ct);
            }
            var message = await alternatives.RegenerateAsync(sessionId, caller, body?.Seed, ct);
            return ApiResults.Ok(MessageResponse.From(message));
        });

    public static Task<IResult> Select(string sessionId, long seq, HttpRequest request, AlternativesService alternatives, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            var body = await JsonBody.ReadRequiredAsync<SelectionRequest>(request, ct);
            var index = body.Index ?? throw RoleplayException.Invalid("index", "The index of the alternative to select is required.");
            var message = await alternatives.SelectAsync(sessionId, caller, seq, index, ct);
            return ApiResults.Ok(MessageResponse.From(message));
        });

    private static async IAsyncEnumerable<ServerSentEvent> Stream(
        TurnService turns, string sessionId, Caller caller, TurnRequest body, string? idempotencyKey,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var update in turns.StreamTurnAsync(sessionId, caller, body, idempotencyKey, ct))
        {
            yield return update switch
            {
                TurnStreamItem.Delta delta => new ServerSentEvent("delta", new StreamDelta(delta.Index, delta.Text)),
                TurnStreamItem.Done done => new ServerSentEvent("done", TurnResponse.From(done.Result)),
                _ => throw new InvalidOperationException($"Unknown stream event {update.GetType().Name}."),
            };
        }
    }
}

/// <summary>Body of POST /api/sessions/{id}/regenerate (optional).</summary>
public sealed record RegenerateRequest(long? Seed);

/// <summary>Body of PUT /api/sessions/{id}/messages/{seq}/selection.</summary>
public sealed record SelectionRequest(int? Index);
