using System.Net.Http.Headers;
using System.Text.Json;
using CharacterFunctions.Client.Http;
using CharacterFunctions.Client.Json;
using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client;

/// <summary>
/// A game server's or tool's connection with the operator key (<c>x-functions-key</c>): characters,
/// card import, sessions and their access tokens, game events, and turns on a player's behalf.
/// Never ship the operator key in a game client; players use <see cref="CharacterClient"/> with their token.
/// </summary>
public sealed class OperatorClient : IDisposable
{
    internal const string FunctionKeyHeader = "x-functions-key";

    private readonly ApiConnection _api;

    public OperatorClient(Uri baseAddress, string operatorKey, HttpClient? http = null, ClientOptions? options = null)
    {
        if (string.IsNullOrEmpty(operatorKey))
        {
            throw new ArgumentException("The operator key is required.", nameof(operatorKey));
        }
        _api = new ApiConnection(baseAddress, http, options, request => request.Headers.Add(FunctionKeyHeader, operatorKey));
    }

    /// <summary>Creates or replaces a character; <paramref name="ifMatch"/> (an etag) makes it fail with 412 if someone changed it since.</summary>
    public Task<Character> PutCharacterAsync(string characterId, CharacterDefinition definition, string? ifMatch = null, CancellationToken ct = default) =>
        _api.SendAsync(() =>
        {
            var request = _api.Request(HttpMethod.Put, CharacterPath(characterId), ApiConnection.Json(definition, ClientJson.Default.CharacterDefinition));
            if (ifMatch is not null)
            {
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch.Trim('"')}\""));
            }
            return request;
        }, ClientJson.Default.Character, retry: true, ct);

    public Task<Character> GetCharacterAsync(string characterId, CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Get, CharacterPath(characterId)), ClientJson.Default.Character, retry: true, ct);

    public async Task<IReadOnlyList<Character>> ListCharactersAsync(CancellationToken ct = default) =>
        await _api.SendAsync(() => _api.Request(HttpMethod.Get, "api/characters"), ClientJson.Default.ListCharacter, retry: true, ct).ConfigureAwait(false);

    public Task DeleteCharacterAsync(string characterId, CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Delete, CharacterPath(characterId)), retry: true, ct);

    /// <summary>
    /// Imports a Character Card (V2/V3 JSON, or a PNG carrying one) through <c>POST /api/characters/import</c>.
    /// Returns the server's answer as JSON (the created character and the card fields it kept but does not use).
    /// Not retried: each call creates a character.
    /// </summary>
    /// <param name="mediaType"><c>application/json</c> or <c>image/png</c>.</param>
    public Task<JsonElement> ImportCardAsync(byte[] card, string mediaType, CancellationToken ct = default)
    {
        if (card is null || card.Length == 0)
        {
            throw new ArgumentException("The card is empty.", nameof(card));
        }
        return _api.SendAsync(() =>
        {
            var content = new ByteArrayContent(card);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return _api.Request(HttpMethod.Post, "api/characters/import", content);
        }, ClientJson.Default.JsonElement, retry: false, ct);
    }

    /// <summary>Creates a session (not retried: each call is a new session). The result carries one access token per player.</summary>
    public Task<CreatedSession> CreateSessionAsync(NewSession session, CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Post, "api/sessions", ApiConnection.Json(session, ClientJson.Default.NewSession)),
            ClientJson.Default.CreatedSession, retry: false, ct);

    /// <summary>
    /// The session's turns, messages and watcher with operator rights: post for a player with
    /// <see cref="TurnInput.PlayerId"/>. Shares this client's connection; disposing it does nothing.
    /// </summary>
    public CharacterClient ForSession(string sessionId) => new(_api.Shared(), sessionId);

    /// <summary>
    /// Posts a game event to <c>POST /api/sessions/{id}/events</c> (the local host's form of the
    /// <c>game-events</c> queue). Retried safely: the server ignores an event id it has seen.
    /// </summary>
    public Task<EventResult> PostEventAsync(GameEvent gameEvent, CancellationToken ct = default)
    {
        if (gameEvent is null)
        {
            throw new ArgumentNullException(nameof(gameEvent));
        }
        return _api.SendAsync(() => _api.Request(HttpMethod.Post, $"api/sessions/{Uri.EscapeDataString(gameEvent.SessionId)}/events",
            GameEventMessage.Content(gameEvent)), ClientJson.Default.EventResult, retry: true, ct);
    }

    public Task<Health> GetHealthAsync(CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Get, "api/health"), ClientJson.Default.Health, retry: true, ct);

    public void Dispose() => _api.Dispose();

    private static string CharacterPath(string characterId) => $"api/characters/{Uri.EscapeDataString(characterId)}";
}
