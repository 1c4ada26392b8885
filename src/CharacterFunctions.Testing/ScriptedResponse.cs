using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Testing;

/// <summary>
/// What the <see cref="FakeModelServer"/> answers to one request. Build them with the static factories
/// (<see cref="Completion"/>, <see cref="Error"/>, <see cref="Malformed"/>, <see cref="Delay"/>, ...) and queue
/// them with <see cref="FakeModelServer.Enqueue"/>.
/// </summary>
public abstract record ScriptedResponse
{
    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> ExtraHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A successful completion with one choice per text. Answers as an SSE stream when the request asked
    /// for <c>stream: true</c>. Usage is estimated unless set with <see cref="CompletionResponse.WithUsage"/>.
    /// </summary>
    public static CompletionResponse Completion(params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Length == 0)
        {
            throw new ArgumentException("A completion needs at least one choice; use Raw for a choiceless body.", nameof(choices));
        }

        return new CompletionResponse(choices);
    }

    /// <summary>
    /// An OpenAI-compatible error body <c>{"error":{"message","type","code"},"request_id"}</c>, with an
    /// optional <c>Retry-After</c> header in whole seconds.
    /// </summary>
    public static ErrorResponse Error(int status, string code, string message, TimeSpan? retryAfter = null) =>
        new(status, code, message, DashScopeShape: false) { ExtraHeaders = RetryAfterHeader(retryAfter) };

    /// <summary>A DashScope native error body <c>{"code","message","request_id"}</c>.</summary>
    public static ErrorResponse DashScopeError(int status, string code, string message, TimeSpan? retryAfter = null) =>
        new(status, code, message, DashScopeShape: true) { ExtraHeaders = RetryAfterHeader(retryAfter) };

    /// <summary>A 200 whose body is not valid JSON.</summary>
    public static ScriptedResponse Malformed() =>
        Raw(200, "application/json", "{\"choices\": [{\"message\": {\"content\": \"cut off");

    /// <summary>Any status, content type and body.</summary>
    public static ScriptedResponse Raw(int status, string contentType, string body) => new RawResponse(status, contentType, body);

    /// <summary>
    /// Waits, then answers with <paramref name="then"/> (or the echo reply). Simulated latency for every request:
    /// <c>server.DefaultResponder = r =&gt; ScriptedResponse.Delay(TimeSpan.FromMilliseconds(50), FakeModelServer.EchoResponder(r))</c>.
    /// If the client gives up while waiting, nothing is written.
    /// </summary>
    public static ScriptedResponse Delay(TimeSpan delay, ScriptedResponse? then = null) => new DelayedResponse(delay, then);

    /// <summary>Drops the connection without an answer (a connection failure for the client).</summary>
    public static ScriptedResponse Abort() => new AbortResponse();

    /// <summary>The same response after a delay.</summary>
    public ScriptedResponse After(TimeSpan delay) => Delay(delay, this);

    /// <summary>Adds a response header (e.g. <c>Retry-After</c> as an HTTP date).</summary>
    public ScriptedResponse WithHeader(string name, string value) =>
        this with { ExtraHeaders = new Dictionary<string, string>(ExtraHeaders, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    internal abstract Task WriteAsync(HttpContext context, RecordedRequest request, FakeModelServer server);

    private protected void WriteHeaders(HttpResponse response)
    {
        foreach (var (name, value) in ExtraHeaders)
        {
            response.Headers[name] = value;
        }
    }

    private static Dictionary<string, string> RetryAfterHeader(TimeSpan? retryAfter) =>
        retryAfter is { } wait
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            }
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Token counts reported in <c>usage</c>.</summary>
public sealed record FakeUsage(long PromptTokens, long CompletionTokens, long CachedTokens);
