using System.Collections.Concurrent;
using System.Net;

namespace CharacterFunctions.Client.Tests.Infrastructure;

/// <summary>
/// Sits between the client and the network: records every request (path, body, outcome) and can lose
/// the next responses of a route — the request reaches the server, the client gets a 503 instead —
/// the way a gateway or a dropped mobile connection does.
/// </summary>
public sealed class WireTap : DelegatingHandler
{
    private int _responsesToLose;
    private string _losePathSuffix = "";

    public WireTap(HttpMessageHandler inner) : base(inner)
    {
    }

    public WireTap() : this(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    /// <summary>The next <paramref name="count"/> requests whose path ends with <paramref name="pathSuffix"/> are served, then answered 503.</summary>
    public void LoseResponses(string pathSuffix, int count)
    {
        _losePathSuffix = pathSuffix;
        Volatile.Write(ref _responsesToLose, count);
    }

    public IReadOnlyList<Exchange> To(string pathSuffix) =>
        Exchanges.Where(e => e.Path.EndsWith(pathSuffix, StringComparison.Ordinal)).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (path.EndsWith(_losePathSuffix, StringComparison.Ordinal) && _losePathSuffix.Length > 0 && Interlocked.Decrement(ref _responsesToLose) >= 0)
            {
                // Let the server finish the work, then drop its answer.
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.Dispose();
                Exchanges.Enqueue(new Exchange(request.Method, path, request.RequestUri.Query, body, 503, null));
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("upstream connection lost") };
            }
            Exchanges.Enqueue(new Exchange(request.Method, path, request.RequestUri.Query, body, (int)response.StatusCode, null));
            return response;
        }
        catch (HttpRequestException e)
        {
            Exchanges.Enqueue(new Exchange(request.Method, path, request.RequestUri.Query, body, null, e));
            throw;
        }
    }

    public sealed record Exchange(HttpMethod Method, string Path, string Query, string? Body, int? Status, Exception? Failure);
}
