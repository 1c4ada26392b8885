using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CharacterFunctions.Api.Http;

/// <summary>One server-sent event: its name and the object written as its JSON data line.</summary>
public sealed record ServerSentEvent(string Name, object Data);

/// <summary>
/// Streams events as <c>text/event-stream</c>. The first event is pulled before the response starts,
/// so failures that happen up front (auth, validation, conflicts) are still ordinary problem
/// responses with their status; a failure after that is sent as an <c>error</c> event carrying the problem.
/// </summary>
public static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";

    public static bool IsAccepted(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains(ContentType, StringComparison.OrdinalIgnoreCase);

    public static async Task<IResult> StartAsync(IAsyncEnumerable<ServerSentEvent> events, CancellationToken ct)
    {
        var enumerator = events.GetAsyncEnumerator(ct);
        bool hasFirst;
        try
        {
            hasFirst = await enumerator.MoveNextAsync();
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
        return new StreamResult(enumerator, hasFirst);
    }

    private sealed class StreamResult(IAsyncEnumerator<ServerSentEvent> enumerator, bool hasFirst) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var ct = httpContext.RequestAborted;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-cache";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            await using (enumerator)
            {
                var more = hasFirst;
                while (more)
                {
                    await WriteAsync(response, enumerator.Current, ct);
                    try
                    {
                        more = await enumerator.MoveNextAsync();
                    }
                    catch (Exception exception) when (!ct.IsCancellationRequested)
                    {
                        var problem = ApiHandler.ToProblemBody(httpContext, exception);
                        await WriteAsync(response, new ServerSentEvent("error", problem), ct);
                        more = false;
                    }
                }
            }
        }

        private static async Task WriteAsync(HttpResponse response, ServerSentEvent sse, CancellationToken ct)
        {
            // JSON never contains a raw newline, so one data line per event is always well formed.
            var data = JsonSerializer.Serialize(sse.Data, sse.Data.GetType(), ApiJson.Options);
            await response.WriteAsync($"event: {sse.Name}\ndata: {data}\n\n", ct);
            await response.Body.FlushAsync(ct);
        }
    }
}
