using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Testing;

/// <summary>A successful completion; see <see cref="ScriptedResponse.Completion"/>.</summary>
public sealed record CompletionResponse(IReadOnlyList<string> Choices) : ScriptedResponse
{
    /// <summary>Reported usage; null means estimated from the request (about chars/3, session-cache aware).</summary>
    public FakeUsage? Usage { get; init; }

    public string FinishReason { get; init; } = "stop";

    /// <summary>Reports exactly these token counts.</summary>
    public CompletionResponse WithUsage(long promptTokens, long completionTokens, long cachedTokens = 0) =>
        this with { Usage = new FakeUsage(promptTokens, completionTokens, cachedTokens) };

    public CompletionResponse WithFinishReason(string finishReason) => this with { FinishReason = finishReason };

    internal override Task WriteAsync(HttpContext context, RecordedRequest request, FakeModelServer server)
    {
        WriteHeaders(context.Response);
        var usage = Usage ?? server.EstimateUsage(request, Choices);
        var id = $"chatcmpl-fake-{request.Sequence}";
        var model = request.Model ?? "qwen-plus-character";
        return request.IsStream
            ? FakeCompletionWriter.WriteStreamAsync(context.Response, id, model, Choices, FinishReason, request.IncludeUsage ? usage : null)
            : FakeCompletionWriter.WriteJsonAsync(context.Response, id, model, Choices, FinishReason, usage);
    }
}

/// <summary>A provider error; see <see cref="ScriptedResponse.Error"/> and <see cref="ScriptedResponse.DashScopeError"/>.</summary>
public sealed record ErrorResponse(int Status, string Code, string Message, bool DashScopeShape) : ScriptedResponse
{
    internal override Task WriteAsync(HttpContext context, RecordedRequest request, FakeModelServer server)
    {
        var response = context.Response;
        response.StatusCode = Status;
        WriteHeaders(response);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (DashScopeShape)
            {
                json.WriteString("code", Code);
                json.WriteString("message", Message);
            }
            else
            {
                json.WriteStartObject("error");
                json.WriteString("message", Message);
                json.WriteString("type", Code);
                json.WriteNull("param");
                json.WriteString("code", Code);
                json.WriteEndObject();
            }

            json.WriteString("request_id", $"fake-req-{request.Sequence}");
            json.WriteEndObject();
        }

        return FakeCompletionWriter.WriteBytesAsync(response, "application/json", buffer.WrittenMemory);
    }
}

/// <summary>Any status and body; see <see cref="ScriptedResponse.Raw"/>.</summary>
public sealed record RawResponse(int Status, string ContentType, string Body) : ScriptedResponse
{
    internal override Task WriteAsync(HttpContext context, RecordedRequest request, FakeModelServer server)
    {
        context.Response.StatusCode = Status;
        WriteHeaders(context.Response);
        return FakeCompletionWriter.WriteBytesAsync(context.Response, ContentType, Encoding.UTF8.GetBytes(Body));
    }
}

/// <summary>A response that waits first; see <see cref="ScriptedResponse.Delay"/>.</summary>
public sealed record DelayedResponse(TimeSpan Wait, ScriptedResponse? Then) : ScriptedResponse
{
    internal override async Task WriteAsync(HttpContext context, RecordedRequest request, FakeModelServer server)
    {
        try
        {
            await Task.Delay(Wait, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up (its timeout); nobody is listening any more
        }

        await (Then ?? FakeModelServer.EchoResponder(request)).WriteAsync(context, request, server).ConfigureAwait(false);
    }
}

/// <summary>Drops the connection; see <see cref="ScriptedResponse.Abort"/>.</summary>
public sealed record AbortResponse : ScriptedResponse
{
    internal override Task WriteAsync(HttpContext context, RecordedRequest request, FakeModelServer server)
    {
        context.Abort();
        return Task.CompletedTask;
    }
}
