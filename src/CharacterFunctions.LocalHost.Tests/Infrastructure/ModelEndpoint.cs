using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CharacterFunctions.Testing;

namespace CharacterFunctions.LocalHost.Tests.Infrastructure;

/// <summary>
/// The fake model server with answers scripted per session: idle nudges and reactions of one test's
/// session can never take an answer meant for another. Unscripted calls get the fake's echo reply.
/// </summary>
public sealed class ModelEndpoint : IAsyncDisposable
{
    private readonly FakeModelServer _server;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);

    private ModelEndpoint(FakeModelServer server)
    {
        _server = server;
        _server.DefaultResponder = Respond;
    }

    public static async Task<ModelEndpoint> StartAsync() => new(await FakeModelServer.StartAsync());

    public string BaseUrl => _server.BaseUrl;

    /// <summary>The next call for <paramref name="sessionId"/> answers with these choices.</summary>
    public void Reply(string sessionId, params string[] choices) => Script(sessionId, ScriptedResponse.Completion(choices));

    /// <summary>The next call for <paramref name="sessionId"/> answers with <paramref name="text"/> and reports exactly this usage.</summary>
    public void ReplyWithUsage(string sessionId, string text, long promptTokens, long completionTokens, long cachedTokens) =>
        Script(sessionId, ScriptedResponse.Completion(text).WithUsage(promptTokens, completionTokens, cachedTokens));

    /// <summary>The next call for <paramref name="sessionId"/> answers with this text cut off by the output limit (finish_reason length).</summary>
    public void ReplyCutOff(string sessionId, string text) => Script(sessionId, ScriptedResponse.Completion(text).WithFinishReason("length"));

    /// <summary>The next call for <paramref name="sessionId"/> answers with these choices after <paramref name="delay"/> (a slow model).</summary>
    public void ReplyAfter(string sessionId, TimeSpan delay, params string[] choices) =>
        Script(sessionId, ScriptedResponse.Completion(choices).After(delay));

    /// <summary>The next call for <paramref name="sessionId"/> fails with this status (OpenAI-compatible error body).</summary>
    public void Fail(string sessionId, int status, int? retryAfterSeconds = null, string code = "fake_error") =>
        Script(sessionId, ScriptedResponse.Error(status, code, "Scripted failure.",
            retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null));

    /// <summary>Every call for <paramref name="sessionId"/> fails with <paramref name="status"/> until disposed.</summary>
    public IDisposable FailEveryRequest(string sessionId, int status)
    {
        _failing[sessionId] = status;
        return new Restore(() => _failing.TryRemove(sessionId, out _));
    }

    /// <summary>Requests whose session header is exactly <paramref name="sessionHeader"/> (a session id, or sessionId:characterId in a group).</summary>
    public IReadOnlyList<ModelRequest> RequestsFor(string sessionHeader) =>
        _server.Requests
            .Where(r => r.SessionHeader == sessionHeader && r.Json is JsonObject)
            .Select(r => new ModelRequest((JsonObject)r.Json!, r.SessionHeader, r.Headers))
            .ToList();

    /// <summary>Requests that carry no session (one-off generation) and mention <paramref name="marker"/> in a message.</summary>
    public IReadOnlyList<ModelRequest> RequestsMentioning(string marker) =>
        _server.Requests
            .Where(r => r.Json is JsonObject && r.Messages.Any(m => m.Content.Contains(marker, StringComparison.Ordinal)))
            .Select(r => new ModelRequest((JsonObject)r.Json!, r.SessionHeader, r.Headers))
            .ToList();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Script(string sessionId, ScriptedResponse response) =>
        _scripts.GetOrAdd(sessionId, _ => new ConcurrentQueue<ScriptedResponse>()).Enqueue(response);

    private ScriptedResponse Respond(RecordedRequest request)
    {
        // A group call's header is "sessionId:characterId"; scripts are per session.
        var sessionId = (request.SessionHeader ?? "").Split(':')[0];
        if (_failing.TryGetValue(sessionId, out var status))
        {
            return ScriptedResponse.Error(status, "fake_outage", "Scripted outage.");
        }
        return _scripts.TryGetValue(sessionId, out var queue) && queue.TryDequeue(out var scripted)
            ? scripted
            : FakeModelServer.EchoResponder(request);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
