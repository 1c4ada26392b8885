using System.Text.Json;
using CharacterFunctions.Api.OpenApi;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Continuations;
using CharacterFunctions.Roleplay.OneOff;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace CharacterFunctions.Api;

/// <summary>
/// Maps every route of the contract (the local host; the Functions app binds the same handlers to
/// triggers), each with its reference documentation (docs/api.md, /openapi/v1.json). Unknown routes and
/// wrong methods become problems in <see cref="Http.ProblemMiddleware"/>.
/// </summary>
public static class CharacterFunctionsApi
{
    public static RouteGroupBuilder MapCharacterFunctionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapPut("/characters/{characterId}", CharactersApi.Put)
            .Describe("PutCharacter", "Characters", "Create or replace a character",
                "characterId: 1-64 of [a-z0-9-]. Send If-Match with the etag to replace only that version (412 otherwise). The ETag header carries the stored etag.")
            .Access(ApiAccess.Operator).JsonBody<CharacterDefinition>()
            .Header("If-Match", "Optional etag of the version being replaced (optimistic concurrency).")
            .Produces<CharacterResponse>().Problems(Status404NotFound, Status409Conflict, Status412PreconditionFailed);
        api.MapGet("/characters/{characterId}", CharactersApi.Get)
            .Describe("GetCharacter", "Characters", "Read a character", "The ETag header carries the stored etag.")
            .Access(ApiAccess.Operator).Produces<CharacterResponse>().Problems(Status404NotFound);
        api.MapGet("/characters", CharactersApi.List)
            .Describe("ListCharacters", "Characters", "List all characters")
            .Access(ApiAccess.Operator).Produces<List<CharacterResponse>>();
        api.MapDelete("/characters/{characterId}", CharactersApi.Delete)
            .Describe("DeleteCharacter", "Characters", "Delete a character", "Sessions already created keep their copy of the character.")
            .Access(ApiAccess.Operator).Produces(Status204NoContent).Problems(Status404NotFound);
        api.MapPost("/characters/import", CardsApi.Import)
            .Describe("ImportCard", "Characters", "Import a Character Card V2/V3 (JSON or PNG)", "201 new, 200 replaced (?id=); unsupportedFields are kept for export. See docs/cards.md.")
            .Access(ApiAccess.Operator).Accepts<JsonElement>("application/json", "image/png")
            .Query("id", JsonSchemaType.String, "Optional id to create or replace (keeps model, generation, features, memory).")
            .Produces<CardImportResponse>(Status201Created).Produces<CardImportResponse>()
            .Problems(Status400BadRequest, Status413PayloadTooLarge, Status415UnsupportedMediaType);
        api.MapGet("/characters/{characterId}/card", CardsApi.Export)
            .Describe("ExportCard", "Characters", "Export a character as a V3 card (JSON or PNG)")
            .Access(ApiAccess.Operator)
            .Query("format", JsonSchemaType.String, "json (default) or png; Accept: image/png also selects PNG.")
            .Produces<JsonElement>(Status200OK, "application/json", "image/png").Problems(Status400BadRequest, Status404NotFound);

        api.MapPost("/sessions", SessionsApi.Create)
            .Describe("CreateSession", "Sessions", "Create a session",
                "One character and one player is a one-to-one chat; more of either is a group chat. Returns one access token per player and the first messages (the opening line). Location names the session.")
            .Access(ApiAccess.Operator).JsonBody<CreateSessionRequest>()
            .Produces<CreateSessionResponse>(Status201Created);
        api.MapGet("/sessions/{sessionId}", SessionsApi.Get)
            .Describe("GetSession", "Sessions", "Read a session", "Characters, players, last seq, idle policy, pending events, usage and estimated cost.")
            .Access(ApiAccess.SessionCaller).Produces<SessionResponse>().Problems(Status404NotFound);
        api.MapDelete("/sessions/{sessionId}", SessionsApi.End)
            .Describe("EndSession", "Sessions", "End a session", "Timers stop and later turns are refused; the transcript stays readable.")
            .Access(ApiAccess.SessionCaller).Produces(Status204NoContent).Problems(Status404NotFound);

        api.MapPost("/sessions/{sessionId}/turns", TurnsApi.Post)
            .Describe("PostTurn", "Turns", "Send a player turn",
                "The player's message and, unless reply is false, the character's reply. turnId (or the Idempotency-Key header) makes retries safe: the same id returns the same result without a second model call; the same id with another body is 422.")
            .Access(ApiAccess.SessionCaller).JsonBody<TurnRequest>()
            .Header(TurnsApi.IdempotencyKeyHeader, "The turn id, when the body has no turnId.")
            .Header("Accept", "text/event-stream streams the reply as server-sent events; otherwise one JSON body.")
            .Produces<TurnResponse>()
            .WithMetadata(new EventStreamMetadata(
                "Server-sent events: `delta` {index, text} while the model writes (index is the alternative), then one `done` with the TurnResponse; a failure after the stream started is one `error` event with the problem body."))
            .Problems(Status404NotFound, Status409Conflict, Status410Gone, Status422UnprocessableEntity, Status502BadGateway, Status503ServiceUnavailable, Status504GatewayTimeout);
        api.MapPost("/sessions/{sessionId}/turns/preview", TurnPreviewApi.Post)
            .Describe("PreviewTurn", "Turns", "Preview the exact model request of a turn", "Calls no model, changes nothing.")
            .Access(ApiAccess.Operator).JsonBody<TurnRequest>()
            .Query("stream", JsonSchemaType.Boolean, "true shows the streamed form.")
            .Produces<TurnPreviewResponse>().Problems(Status404NotFound, Status409Conflict, Status410Gone);
        api.MapPost("/sessions/{sessionId}/regenerate", TurnsApi.Regenerate)
            .Describe("Regenerate", "Turns", "Regenerate the latest reply",
                "Re-asks the model with the same messages and a new (or the given) seed; the answer becomes a new alternative of the latest assistant message and is selected.")
            .Access(ApiAccess.SessionCaller).JsonBody<RegenerateRequest>(optional: true)
            .Header("Accept", "text/event-stream streams the new alternative.")
            .Produces<MessageResponse>()
            .WithMetadata(new EventStreamMetadata("`delta` {index, text} of the new alternative, then `done` with the message; `error` with the problem body."))
            .Problems(Status404NotFound, Status409Conflict, Status410Gone, Status422UnprocessableEntity, Status502BadGateway, Status503ServiceUnavailable, Status504GatewayTimeout);
        api.MapPut("/sessions/{sessionId}/messages/{seq:long}/selection", TurnsApi.Select)
            .Describe("SelectAlternative", "Turns", "Select an alternative of the latest reply", "Later prompts use the selected text.")
            .Access(ApiAccess.SessionCaller).JsonBody<SelectionRequest>()
            .Produces<MessageResponse>().Problems(Status404NotFound, Status409Conflict, Status410Gone);
        api.MapPost("/sessions/{sessionId}/messages/{seq:long}/continue", ContinueApi.Post)
            .Describe("ContinueReply", "Turns", "Continue a reply cut off by the output limit",
                "For the latest reply whose finishReason is length: the model continues it (partial mode) and the text is appended to the same message. continueId (or Idempotency-Key) makes retries safe.")
            .Access(ApiAccess.SessionCaller).JsonBody<ContinueRequest>(optional: true)
            .Header(TurnsApi.IdempotencyKeyHeader, "The continue id, when the body has none.")
            .Header("Accept", "text/event-stream streams the appended text.")
            .Produces<MessageResponse>()
            .WithMetadata(new EventStreamMetadata("`delta` {index, text} of the appended text, then `done` with the whole message; `error` with the problem body."))
            .Problems(Status404NotFound, Status409Conflict, Status410Gone, Status422UnprocessableEntity, Status502BadGateway, Status503ServiceUnavailable, Status504GatewayTimeout);
        api.MapGet("/sessions/{sessionId}/messages", MessagesApi.List)
            .Describe("ListMessages", "Messages", "Read the transcript (long poll)",
                "Messages after `after`, oldest first. With waitSeconds the call waits until a newer message is committed (idle nudges, event reactions) or the time is up (then an empty page).")
            .Access(ApiAccess.SessionCaller)
            .Query("after", JsonSchemaType.Integer, "Return messages with seq greater than this (default 0); use lastSeq of the previous page.")
            .Query("limit", JsonSchemaType.Integer, "Page size, 1-500 (default 100).")
            .Query("waitSeconds", JsonSchemaType.Integer, "0-60 (default 0): long-poll this long for a newer message.")
            .Produces<MessagePageResponse>().Problems(Status400BadRequest, Status404NotFound);

        api.MapPost("/sessions/{sessionId}/events", EventsApi.Post)
            .Describe("PostEvent", "Events", "Post a game event",
                "Local host only: the stand-in for the Service Bus queue game-events the Azure app reads. react false holds the event for the next turn; react true makes the character react now. 202 accepted, 200 duplicate eventId or dropped (ended session).")
            .Access(ApiAccess.Operator).LocalHostOnly().JsonBody<GameEvent>()
            .Produces<EventResponse>(Status202Accepted).Produces<EventResponse>().Problems(Status404NotFound);
        api.MapPost("/generate", GenerateApi.Post)
            .Describe("Generate", "Generation", "One-off personified content generation",
                "A character id or an inline profile plus one instruction; no session and no transcript. n, seed and streaming supported. Beijing region only (seed 003), unless Model__BaseUrl names a gateway.")
            .Access(ApiAccess.Operator).JsonBody<GenerateRequest>()
            .Header("Accept", "text/event-stream streams the text.")
            .Produces<GenerateResponse>()
            .WithMetadata(new EventStreamMetadata("`delta` {index, text} while the model writes, then `done` with the GenerateResponse; `error` with the problem body."))
            .Problems(Status404NotFound, Status502BadGateway, Status503ServiceUnavailable, Status504GatewayTimeout);
        api.MapGet("/health", HealthApi.Get)
            .Describe("GetHealth", "Health", "Health and model endpoint", "No secrets: the model base URL without credentials, whether the offline stand-in is used, the default model.")
            .Access(ApiAccess.Anonymous).Produces<HealthResponse>();
        return api;
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder route, string name, string tag, string summary, string? description = null)
    {
        route.WithName(name).WithTags(tag).WithSummary(summary);
        return description is null ? route : route.WithDescription(description);
    }
}
