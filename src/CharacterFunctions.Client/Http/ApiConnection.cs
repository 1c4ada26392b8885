using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CharacterFunctions.Client.Json;

namespace CharacterFunctions.Client.Http;

/// <summary>
/// The one place requests are sent: credentials, per-attempt timeouts, the retry loop and the turn
/// of an error response into a <see cref="ProblemException"/>. Callers say whether a request is safe
/// to repeat; only those are retried.
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseAddress;
    private readonly Action<HttpRequestMessage> _authorize;

    public ApiConnection(Uri baseAddress, HttpClient? http, ClientOptions? options, Action<HttpRequestMessage> authorize)
    {
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be an absolute URI such as https://host/.", nameof(baseAddress));
        }
        // Relative paths resolve under the base only when it ends with a slash.
        _baseAddress = baseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _ownsHttp = http is null;
        // Timeouts are per attempt (below); the client's own would cut long polls and streams.
        _http = http ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _authorize = authorize;
        Options = options ?? ClientOptions.Default;
    }

    private ApiConnection(ApiConnection owner)
    {
        _http = owner._http;
        _ownsHttp = false;
        _baseAddress = owner._baseAddress;
        _authorize = owner._authorize;
        Options = owner.Options;
    }

    public ClientOptions Options { get; }

    /// <summary>The same connection for another client object; disposing the view leaves the HttpClient open.</summary>
    public ApiConnection Shared() => new(this);

    public HttpRequestMessage Request(HttpMethod method, string relativePath, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseAddress, relativePath)) { Content = content };
        _authorize(request);
        return request;
    }

    public static HttpContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    public async Task<T> SendAsync<T>(Func<HttpRequestMessage> build, JsonTypeInfo<T> type, bool retry, CancellationToken ct, TimeSpan extraTime = default)
    {
        using var response = await SendCheckedAsync(build, retry, HttpCompletionOption.ResponseContentRead, extraTime, ct).ConfigureAwait(false);
        return await ReadAsync(response, type).ConfigureAwait(false);
    }

    public async Task SendAsync(Func<HttpRequestMessage> build, bool retry, CancellationToken ct)
    {
        using var response = await SendCheckedAsync(build, retry, HttpCompletionOption.ResponseContentRead, default, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A successful response (the caller disposes it) or a <see cref="ProblemException"/>. With
    /// <paramref name="retry"/>, transient failures are repeated with the same request as
    /// <see cref="RetryPolicy"/> says; network errors and timeouts of the last attempt are rethrown.
    /// </summary>
    public async Task<HttpResponseMessage> SendCheckedAsync(
        Func<HttpRequestMessage> build, bool retry, HttpCompletionOption completion, TimeSpan extraTime, CancellationToken ct)
    {
        var policy = Options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            TimeSpan? retryAfter = null;
            using (var request = build())
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attemptCts.CancelAfter(Options.AttemptTimeout + extraTime);
                try
                {
                    var response = await _http.SendAsync(request, completion, attemptCts.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }
                    using (response)
                    {
                        var problem = await ToProblemAsync(response).ConfigureAwait(false);
                        if (!retry || !RetryPolicy.IsTransient(problem.Status, problem.RetryAfter is not null))
                        {
                            throw problem;
                        }
                        failure = problem;
                        retryAfter = problem.RetryAfter;
                    }
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    failure = new TimeoutException($"{request.Method} {request.RequestUri?.AbsolutePath} did not answer within {Options.AttemptTimeout + extraTime}.", e);
                    if (!retry)
                    {
                        throw failure;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    if (!retry)
                    {
                        throw;
                    }
                    failure = e;
                }
            }

            var delay = policy.DelayBefore(attempt + 1, retryAfter);
            if (delay is null)
            {
                throw failure;
            }
            await Task.Delay(delay.Value, ct).ConfigureAwait(false);
        }
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, type)
                ?? throw new InvalidDataException($"The server answered {(int)response.StatusCode} with an empty body where {typeof(T).Name} was expected.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The server's {typeof(T).Name} body is not the expected JSON.", e);
        }
    }

    /// <summary>The problem an error response carries; a proxy's bare status becomes one too.</summary>
    public static async Task<ProblemException> ToProblemAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        Models.ProblemDetails? problem = null;
        var mediaType = response.Content?.Headers.ContentType?.MediaType ?? "";
        if (response.Content is not null && (mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                problem = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false), ClientJson.Default.ProblemDetails);
            }
            catch (JsonException)
            {
                // Not a problem document after all: fall back to the status.
            }
        }
        problem ??= new Models.ProblemDetails("about:blank", response.ReasonPhrase ?? "HTTP error", status,
            $"The server answered {status} without problem details.");
        if (problem.Status == 0)
        {
            problem = problem with { Status = status };
        }
        return new ProblemException(problem, RetryAfterOf(response));
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
