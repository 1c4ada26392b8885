using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CharacterFunctions.Api;

/// <summary>
/// Maps every route of the contract (the local host; the Functions app binds the same handlers to
/// triggers). Unknown routes and wrong methods become problems in <see cref="Http.ProblemMiddleware"/>.
/// </summary>
public static class CharacterFunctionsApi
{
    public static RouteGroupBuilder MapCharacterFunctionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapPut("/characters/{characterId}", CharactersApi.Put);
        api.MapGet("/characters/{characterId}", CharactersApi.Get);
        api.MapGet("/characters", CharactersApi.List);
        api.MapDelete("/characters/{characterId}", CharactersApi.Delete);
        api.MapPost("/characters/import", CardsApi.Import);
        api.MapGet("/characters/{characterId}/card", CardsApi.Export);

        api.MapPost("/sessions", SessionsApi.Create);
        api.MapGet("/sessions/{sessionId}", SessionsApi.Get);
        api.MapDelete("/sessions/{sessionId}", SessionsApi.End);

        api.MapPost("/sessions/{sessionId}/turns", TurnsApi.Post);
        api.MapPost("/sessions/{sessionId}/turns/preview", TurnPreviewApi.Post);
        api.MapPost("/sessions/{sessionId}/regenerate", TurnsApi.Regenerate);
        api.MapPut("/sessions/{sessionId}/messages/{seq:long}/selection", TurnsApi.Select);
        api.MapPost("/sessions/{sessionId}/messages/{seq:long}/continue", ContinueApi.Post);
        api.MapGet("/sessions/{sessionId}/messages", MessagesApi.List);

        api.MapPost("/sessions/{sessionId}/events", EventsApi.Post);
        api.MapPost("/generate", GenerateApi.Post);
        api.MapGet("/health", HealthApi.Get);
        return api;
    }
}
