using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CharacterFunctions.Client.Http;
using CharacterFunctions.Client.Json;
using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.Streaming;

namespace CharacterFunctions.Client;

/// <summary>
/// A player's connection to one session: turns (plain or streamed), regenerate, select, continue, and a
/// long-poll watcher for nudges and reactions. Every turn gets its id once, before the first attempt, and
/// keeps it through retries, so a lost response never makes the character answer twice.
/// Thread-safe; dispose it when the session is over (it disposes an HttpClient only if it made it).
/// </summary>
public sealed class CharacterClient : IDisposable
{
    private readonly ApiConnection _api;
    private readonly string _sessionPath;

    /// <summary>A player client from the session access token (its session id is read from the token).</summary>
    public CharacterClient(Uri baseAddress, string accessToken, HttpClient? http = null, ClientOptions? options = null)
        : this(baseAddress, SessionHandle.FromAccessToken(accessToken), http, options)
    {
    }

    public CharacterClient(Uri baseAddress, SessionHandle session, HttpClient? http = null, ClientOptions? options = null)
        : this(new ApiConnection(baseAddress, http, options, Bearer(session.AccessToken)), session.SessionId)
    {
    }

    internal CharacterClient(ApiConnection api, string sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            throw new ArgumentException("A session id is required.", nameof(sessionId));
        }
        _api = api;
        SessionId = sessionId;
        _sessionPath = $"api/sessions/{Uri.EscapeDataString(sessionId)}";
    }

    public string SessionId { get; }

    /// <summary>Posts a turn and returns the committed messages, retrying transient failures with the same turn id.</summary>
    public Task<TurnResult> SendTurnAsync(string text, CancellationToken ct = default) => SendTurnAsync(new TurnInput(text), ct);

    /// <inheritdoc cref="SendTurnAsync(string, CancellationToken)"/>
    public Task<TurnResult> SendTurnAsync(TurnInput input, CancellationToken ct = default) =>
        PostTurnAsync(TurnBody.From(NewId(), Require(input)), ct);

    /// <summary>
    /// Posts a turn and streams the reply: <see cref="TurnDelta"/>s, then one <see cref="TurnCompleted"/>.
    /// A failure before the stream starts is retried like <see cref="SendTurnAsync(TurnInput, CancellationToken)"/>;
    /// if the stream breaks (or reports a transient error) after it started, the same turn id is posted
    /// again without streaming, so the result still arrives once and the turn is never doubled.
    /// </summary>
    public async IAsyncEnumerable<TurnStreamEvent> StreamTurnAsync(TurnInput input, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var body = TurnBody.From(NewId(), Require(input));
        var response = await _api.SendCheckedAsync(() => TurnRequest(body, stream: true), retry: true,
            HttpCompletionOption.ResponseHeadersRead, default, ct).ConfigureAwait(false);
        using (response)
        // Pre-.NET 7 line reads take no token: closing the response is what stops a blocked read.
        using (ct.Register(response.Dispose))
        {
            var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
            while (true)
            {
                var (sse, broken) = await NextAsync(reader, ct).ConfigureAwait(false);
                if (broken || sse is null)
                {
                    break;
                }
                switch (sse.Name)
                {
                    case "delta":
                        var delta = Deserialize(sse.Data, ClientJson.Default.DeltaBody);
                        yield return new TurnDelta(delta.Index, delta.Text);
                        break;
                    case "done":
                        yield return new TurnCompleted(Deserialize(sse.Data, ClientJson.Default.TurnResult));
                        yield break;
                    case "error":
                        var problem = new ProblemException(Deserialize(sse.Data, ClientJson.Default.ProblemDetails));
                        if (!RetryPolicy.IsTransient(problem.Status, hasRetryAfter: false))
                        {
                            throw problem;
                        }
                        goto recover;
                }
            }
        }

    recover:
        // The stream ended without its result: the turn id answers with the committed one (or runs it once).
        yield return new TurnCompleted(await PostTurnAsync(body, ct).ConfigureAwait(false));
    }

    /// <summary>Asks again for the latest assistant message; the answer becomes a new, selected alternative. Not retried (each call adds one).</summary>
    public Task<Message> RegenerateAsync(long? seed = null, CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Post, $"{_sessionPath}/regenerate",
            ApiConnection.Json(new RegenerateBody(seed), ClientJson.Default.RegenerateBody)), ClientJson.Default.Message, retry: false, ct);

    /// <summary>Selects alternative <paramref name="index"/> of the latest assistant message <paramref name="seq"/>; later prompts use it.</summary>
    public Task<Message> SelectAsync(long seq, int index, CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Put, $"{_sessionPath}/messages/{seq}/selection",
            ApiConnection.Json(new SelectionBody(index), ClientJson.Default.SelectionBody)), ClientJson.Default.Message, retry: true, ct);

    /// <summary>
    /// Continues reply <paramref name="seq"/> that stopped on length (<see cref="Message.FinishReason"/> <c>length</c>);
    /// the continuation is appended to the same message. Its id is made once and kept through retries.
    /// </summary>
    public Task<Message> ContinueAsync(long seq, CancellationToken ct = default)
    {
        var continueId = NewId();
        return _api.SendAsync(() =>
        {
            var request = _api.Request(HttpMethod.Post, $"{_sessionPath}/messages/{seq}/continue",
                ApiConnection.Json(new ContinueBody(continueId), ClientJson.Default.ContinueBody));
            request.Headers.Add(IdempotencyKeyHeader, continueId);
            return request;
        }, ClientJson.Default.Message, retry: true, ct);
    }

    /// <summary>One transcript page after <paramref name="after"/>; with <paramref name="waitSeconds"/> (≤ 60) it waits for a newer message.</summary>
    public Task<MessagePage> GetMessagesAsync(long after = 0, int? limit = null, int waitSeconds = 0, CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Get, MessagesPath(after, limit, waitSeconds)), ClientJson.Default.MessagePage,
            retry: true, ct, TimeSpan.FromSeconds(Math.Max(0, waitSeconds)));

    /// <summary>
    /// Every message after <paramref name="after"/> as it is committed — nudges, reactions, other players'
    /// lines, replies — by long-polling <c>messages?after=</c>. Lost connections, host restarts and
    /// transient statuses are waited out with backoff and the poll resumes from the last seq received,
    /// so no message is missed or repeated. Runs until cancelled or until the session has ended and every
    /// message was delivered; a non-transient problem (401, 403, 404) ends it with a <see cref="ProblemException"/>.
    /// </summary>
    public async IAsyncEnumerable<Message> WatchMessagesAsync(long after = 0, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var policy = _api.Options.Retry;
        var waitSeconds = Math.Min(60, Math.Max(1, _api.Options.LongPollSeconds));
        var failures = 0;
        while (true)
        {
            var (page, retryAfter) = await PollAsync(after, waitSeconds, ct).ConfigureAwait(false);
            if (page is null)
            {
                failures++;
                var delay = policy.DelayBefore(Math.Min(failures + 1, policy.MaxAttempts), retryAfter) ?? policy.MaxDelay;
                await Task.Delay(delay, ct).ConfigureAwait(false);
                continue;
            }

            failures = 0;
            // An ended session answers a long poll at once; without this the watcher would spin.
            if (page.Messages.Count == 0 && await HasEndedAsync(ct).ConfigureAwait(false))
            {
                yield break;
            }
            foreach (var message in page.Messages)
            {
                if (message.Seq > after)
                {
                    after = message.Seq;
                    yield return message;
                }
            }
            after = Math.Max(after, page.LastSeq);
        }
    }

    /// <summary>Participants, transcript head, idle policy, pending events, usage and estimated cost.</summary>
    public Task<Session> GetSessionAsync(CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Get, _sessionPath), ClientJson.Default.Session, retry: true, ct);

    /// <summary>Ends the session: timers stop, the transcript stays readable.</summary>
    public Task EndSessionAsync(CancellationToken ct = default) =>
        _api.SendAsync(() => _api.Request(HttpMethod.Delete, _sessionPath), retry: false, ct);

    public void Dispose() => _api.Dispose();

    internal const string IdempotencyKeyHeader = "Idempotency-Key";

    internal static Action<HttpRequestMessage> Bearer(string accessToken) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

    private Task<TurnResult> PostTurnAsync(TurnBody body, CancellationToken ct) =>
        _api.SendAsync(() => TurnRequest(body, stream: false), ClientJson.Default.TurnResult, retry: true, ct);

    private HttpRequestMessage TurnRequest(TurnBody body, bool stream)
    {
        var request = _api.Request(HttpMethod.Post, $"{_sessionPath}/turns", ApiConnection.Json(body, ClientJson.Default.TurnBody));
        if (stream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }
        return request;
    }

    private string MessagesPath(long after, int? limit, int waitSeconds) =>
        $"{_sessionPath}/messages?after={after}" + (limit is { } l ? $"&limit={l}" : "") + (waitSeconds > 0 ? $"&waitSeconds={waitSeconds}" : "");

    /// <summary>One long poll without retries of its own; null page: a transient failure the watcher waits out.</summary>
    private async Task<(MessagePage? Page, TimeSpan? RetryAfter)> PollAsync(long after, int waitSeconds, CancellationToken ct)
    {
        try
        {
            var page = await _api.SendAsync(() => _api.Request(HttpMethod.Get, MessagesPath(after, null, waitSeconds)),
                ClientJson.Default.MessagePage, retry: false, ct, TimeSpan.FromSeconds(waitSeconds)).ConfigureAwait(false);
            return (page, null);
        }
        catch (ProblemException problem) when (RetryPolicy.IsTransient(problem.Status, problem.RetryAfter is not null))
        {
            return (null, problem.RetryAfter);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            return (null, null);
        }
    }

    private async Task<bool> HasEndedAsync(CancellationToken ct)
    {
        try
        {
            var session = await GetSessionAsync(ct).ConfigureAwait(false);
            return string.Equals(session.Status, "ended", StringComparison.OrdinalIgnoreCase);
        }
        catch (ProblemException problem) when (RetryPolicy.IsTransient(problem.Status, problem.RetryAfter is not null))
        {
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The next event, or broken = true when the connection failed mid-stream.</summary>
    private static async Task<(ServerSentEvent? Event, bool Broken)> NextAsync(ServerSentEventReader reader, CancellationToken ct)
    {
        try
        {
            return (await reader.NextAsync(ct).ConfigureAwait(false), false);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The caller cancelled (on netstandard2.1 by closing the response): report that, not the I/O error.
            throw new OperationCanceledException(ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            return (null, true);
        }
    }

    private static T Deserialize<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"An event-stream event carried no {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"An event-stream event is not a {typeof(T).Name}.", e);
        }
    }

    private static TurnInput Require(TurnInput input) => input ?? throw new ArgumentNullException(nameof(input));

    private static string NewId() => Guid.NewGuid().ToString();
}
