using System.Diagnostics;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Telemetry;
using System.Net.Http.Headers;
using CharacterFunctions.Roleplay.ModelApi.Wire;
using Microsoft.Extensions.Logging;
using Polly;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// What one logical model call (all its attempts) shares with the retry pipeline: the bytes to send,
/// the attempt counter, the last error body and the time budget. Travels in the Polly context.
/// </summary>
internal sealed class ModelCallState(
    HttpClient http,
    Uri url,
    string? apiKey,
    byte[] payload,
    ModelCall call,
    bool streaming,
    ILogger logger,
    TimeProvider time)
{
    public static readonly ResiliencePropertyKey<ModelCallState> Key = new("CharacterFunctions.ModelCall");

    public HttpClient Http { get; } = http;
    public Uri Url { get; } = url;
    public string? ApiKey { get; } = apiKey;
    public byte[] Payload { get; } = payload;
    public string SessionHeader { get; } = call.SessionHeader;
    public string? SessionId { get; } = call.SessionId;
    public string? CharacterId { get; } = call.CharacterId;
    public string Model { get; } = call.Body.Model;
    public bool Streaming { get; } = streaming;
    public IReadOnlyList<KeyValuePair<string, string>> WireHeaders { get; } = ModelWire.Headers(call, streaming);
    public ILogger Logger { get; } = logger;
    public TimeProvider Time { get; } = time;
    public long StartedAt { get; } = time.GetTimestamp();

    /// <summary>The call's span, ended by <see cref="Ended"/>.</summary>
    public Activity? Activity { get; } = RoleplayTelemetry.StartModelCall(call.SessionId, call.CharacterId, call.Body.Model, streaming);

    /// <summary>Records the call's metrics and ends its span: <paramref name="outcome"/> is <c>ok</c> or the failure kind.</summary>
    public void Ended(string outcome, TokenUsage? usage = null) =>
        RoleplayTelemetry.ModelCallEnded(Activity, SessionId, CharacterId, Model, Elapsed, Attempts, outcome, usage);

    /// <summary>1-based number of the attempt in flight (or last made).</summary>
    public int Attempts { get; set; }

    /// <summary>Body of the last non-success response (read inside the attempt so its timeout covers it).</summary>
    public byte[] LastBody { get; set; } = [];

    public ProviderError LastError { get; set; } = ProviderError.None;

    public TimeSpan Elapsed => Time.GetElapsedTime(StartedAt);

    public HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new ByteArrayContent(Payload),
        };
        if (!string.IsNullOrEmpty(ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }

        foreach (var (name, value) in WireHeaders)
        {
            // Content-Type belongs to the content; the rest are request headers.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>Retry-After as a delay from now (seconds or an HTTP date).</summary>
    public TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - Time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static string? RequestIdHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var values) ? values.FirstOrDefault() : null;
}
