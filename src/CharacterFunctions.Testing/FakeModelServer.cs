using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Testing;

/// <summary>
/// A real HTTP server on <c>127.0.0.1</c> (random port) that speaks the OpenAI-compatible chat protocol of
/// Qwen-Character at <c>POST {anything}/chat/completions</c>. Point <c>Model:BaseUrl</c> at <see cref="BaseUrl"/>.
/// <para>
/// Every request is recorded (<see cref="Requests"/>, <see cref="WaitForRequestsAsync"/>). Answers come from a
/// FIFO of scripted responses (<see cref="Enqueue"/>), then from <see cref="DefaultResponder"/>, which by default
/// echoes: n distinct choices <c>"Reply {i} to: {last message}"</c>, usage of about chars/3 prompt tokens with
/// session-cache hits for a repeated prefix, and SSE streaming when the request says <c>stream: true</c>.
/// </para>
/// </summary>
/// <example>
/// <code>
/// await using var server = await FakeModelServer.StartAsync();
/// server.Enqueue(ScriptedResponse.Error(429, "limit_requests", "slow down", TimeSpan.FromSeconds(1)),
///                ScriptedResponse.Completion("Hello!").WithUsage(120, 5, 100));
/// // ... configure Model:BaseUrl = server.BaseUrl, call, then:
/// var requests = await server.WaitForRequestsAsync(2, TimeSpan.FromSeconds(5));
/// </code>
/// </example>
public sealed class FakeModelServer : IAsyncDisposable
{
    /// <summary>The path prefix of <see cref="BaseUrl"/>, like DashScope's compatible mode.</summary>
    public const string BasePath = "/compatible-mode/v1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private readonly ConcurrentDictionary<string, SessionPrefix> _sessions = new(StringComparer.Ordinal);
    private TaskCompletionSource _recorded = NewSignal();
    private long _sequence;

    private FakeModelServer(WebApplication app)
    {
        _app = app;
        DefaultResponder = EchoResponder;
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeModelServer> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeModelServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });

        var app = builder.Build();
        var server = new FakeModelServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Origin = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public Uri Origin { get; private set; } = null!;

    /// <summary>The value for <c>Model:BaseUrl</c>: <c>http://127.0.0.1:{port}/compatible-mode/v1</c>.</summary>
    public string BaseUrl => Origin.GetLeftPart(UriPartial.Authority) + BasePath;

    /// <summary><c>{BaseUrl}/chat/completions</c>.</summary>
    public string ChatCompletionsUrl => BaseUrl + "/chat/completions";

    /// <summary>
    /// Answers requests when no scripted response is queued. Replaceable at any time; defaults to
    /// <see cref="EchoResponder"/>.
    /// </summary>
    public Func<RecordedRequest, ScriptedResponse> DefaultResponder { get; set; }

    /// <summary>Keep a copy of every request (default true). Benchmarks may turn it off to save memory.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Requests received so far, whether recorded or not.</summary>
    public long RequestCount => Interlocked.Read(ref _sequence);

    /// <summary>Scripted responses not yet used.</summary>
    public int PendingScriptCount => _script.Count;

    /// <summary>A snapshot of the recorded requests in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Queues responses; each answers exactly one request, first in first out.</summary>
    public void Enqueue(params ScriptedResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        foreach (var response in responses)
        {
            _script.Enqueue(response ?? throw new ArgumentException("A scripted response is null.", nameof(responses)));
        }
    }

    /// <summary>Forgets recorded requests, queued responses and session-cache state; restores the echo responder.</summary>
    public void Reset()
    {
        _script.Clear();
        _sessions.Clear();
        DefaultResponder = EchoResponder;
        lock (_requestsLock)
        {
            _requests.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests were recorded and returns them all.</summary>
    /// <exception cref="TimeoutException">Fewer requests arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (_requestsLock)
            {
                if (_requests.Count >= count)
                {
                    return _requests.ToArray();
                }

                signal = _recorded.Task;
            }

            try
            {
                await signal.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} model request(s) within {timeout}, got {Requests.Count}.");
            }
        }
    }

    /// <summary>
    /// The default answer: one choice per requested <c>n</c>, <c>"Reply {i} to: {text}"</c> where text is the
    /// last message that is not a trailing partial assistant prefix.
    /// </summary>
    public static ScriptedResponse EchoResponder(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = request.Messages;
        var cue = messages.LastOrDefault(m => !m.Partial)?.Content ?? "";
        var n = Math.Clamp(request.N, 1, 16);
        var choices = new string[n];
        for (var i = 0; i < n; i++)
        {
            choices[i] = $"Reply {i + 1} to: {cue}";
        }

        return ScriptedResponse.Completion(choices);
    }

    /// <summary>
    /// Usage the way the provider reports it: prompt tokens ≈ chars/3; cached tokens = the part of the
    /// message list this session already sent in its previous request (the session cache).
    /// </summary>
    internal FakeUsage EstimateUsage(RecordedRequest request, IReadOnlyList<string> choices)
    {
        var messages = request.Messages;
        var prompt = Tokens(messages.Sum(m => m.Content.Length + m.Role.Length));
        var completion = Tokens(choices.Sum(c => c.Length));
        long cached = 0;
        if (request.SessionHeader is { Length: > 0 } session)
        {
            var current = SessionPrefix.Of(messages);
            if (_sessions.TryGetValue(session, out var previous))
            {
                cached = Tokens(current.SharedChars(previous));
            }

            _sessions[session] = current;
        }

        return new FakeUsage(prompt, completion, Math.Min(cached, prompt));
    }

    private static long Tokens(long chars) => chars == 0 ? 0 : (chars + 2) / 3;

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await ScriptedResponse.Error(404, "not_found", $"No route {context.Request.Method} {context.Request.Path}.")
                .WriteAsync(context, request, this).ConfigureAwait(false);
            return;
        }

        var response = _script.TryDequeue(out var scripted) ? scripted : DefaultResponder(request);
        await response.WriteAsync(context, request, this).ConfigureAwait(false);
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        var request = new RecordedRequest(Interlocked.Increment(ref _sequence), context.Request.Method,
            context.Request.Path.Value ?? "/", headers, body, DateTimeOffset.UtcNow);
        if (RecordRequests)
        {
            TaskCompletionSource signal;
            lock (_requestsLock)
            {
                _requests.Add(request);
                signal = _recorded;
                _recorded = NewSignal();
            }

            signal.TrySetResult();
        }

        return request;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        // Delayed scripted responses may still be waiting; don't let them hold up the test run.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What one session sent last time, kept small: per-message hash and length.</summary>
    private sealed record SessionPrefix((int Hash, int Length)[] Messages)
    {
        public static SessionPrefix Of(IReadOnlyList<RecordedMessage> messages) =>
            new(messages.Select(m => (HashCode.Combine(m.Role, m.Content, m.Partial), m.Content.Length + m.Role.Length)).ToArray());

        public long SharedChars(SessionPrefix previous)
        {
            long chars = 0;
            for (var i = 0; i < Math.Min(Messages.Length, previous.Messages.Length) && Messages[i].Hash == previous.Messages[i].Hash; i++)
            {
                chars += Messages[i].Length;
            }

            return chars;
        }
    }
}
