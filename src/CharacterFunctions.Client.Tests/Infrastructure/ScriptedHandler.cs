using System.Collections.Concurrent;

namespace CharacterFunctions.Client.Tests.Infrastructure;

/// <summary>An HTTP handler that answers from a script and records requests: for client behaviour no host route exists for yet.</summary>
public sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public ConcurrentQueue<(HttpRequestMessage Request, string? Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        var index = Interlocked.Increment(ref _next) - 1;
        return answers[Math.Min(index, answers.Length - 1)]();
    }
}
