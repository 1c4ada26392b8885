using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Testing;

/// <summary>Writes OpenAI-compatible <c>chat.completion</c> bodies and <c>chat.completion.chunk</c> SSE streams.</summary>
internal static class FakeCompletionWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static async Task WriteBytesAsync(HttpResponse response, string contentType, ReadOnlyMemory<byte> body)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    public static Task WriteJsonAsync(HttpResponse response, string id, string model, IReadOnlyList<string> choices, string finishReason, FakeUsage usage)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("choices");
            for (var i = 0; i < choices.Count; i++)
            {
                json.WriteStartObject();
                json.WriteStartObject("message");
                json.WriteString("role", "assistant");
                json.WriteString("content", choices[i]);
                json.WriteEndObject();
                json.WriteString("finish_reason", finishReason);
                json.WriteNumber("index", i);
                json.WriteNull("logprobs");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("object", "chat.completion");
            WriteUsage(json, usage);
            json.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            json.WriteNull("system_fingerprint");
            json.WriteString("model", model);
            json.WriteString("id", id);
            json.WriteEndObject();
        }

        return WriteBytesAsync(response, "application/json", buffer.WrittenMemory);
    }

    /// <summary>Role chunk, a few content chunks per choice, finish chunks, the usage chunk (if asked), <c>[DONE]</c>.</summary>
    public static async Task WriteStreamAsync(HttpResponse response, string id, string model, IReadOnlyList<string> choices, string finishReason, FakeUsage? usage)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var pieces = choices.Select(Split).ToList();
        var buffer = new ArrayBufferWriter<byte>(512);

        for (var i = 0; i < choices.Count; i++)
        {
            AppendChunk(buffer, id, model, created, i, role: "assistant", content: "", finish: null);
        }

        await FlushAsync(response, buffer).ConfigureAwait(false);
        for (var round = 0; round < pieces.Max(p => p.Count); round++)
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                if (round < pieces[i].Count)
                {
                    AppendChunk(buffer, id, model, created, i, role: null, content: pieces[i][round], finish: null);
                }
            }

            await FlushAsync(response, buffer).ConfigureAwait(false);
        }

        for (var i = 0; i < choices.Count; i++)
        {
            AppendChunk(buffer, id, model, created, i, role: null, content: null, finish: finishReason);
        }

        if (usage is not null)
        {
            AppendEvent(buffer, json =>
            {
                WriteChunkHead(json, id, model, created);
                json.WriteStartArray("choices");
                json.WriteEndArray();
                WriteUsage(json, usage);
            });
        }

        buffer.Write(Done);
        await FlushAsync(response, buffer).ConfigureAwait(false);
    }

    private static void AppendChunk(ArrayBufferWriter<byte> buffer, string id, string model, long created, int index, string? role, string? content, string? finish) =>
        AppendEvent(buffer, json =>
        {
            WriteChunkHead(json, id, model, created);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", index);
            json.WriteStartObject("delta");
            if (role is not null)
            {
                json.WriteString("role", role);
            }

            if (content is not null)
            {
                json.WriteString("content", content);
            }

            json.WriteEndObject();
            if (finish is null)
            {
                json.WriteNull("finish_reason");
            }
            else
            {
                json.WriteString("finish_reason", finish);
            }

            json.WriteNull("logprobs");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNull("usage");
        });

    private static void WriteChunkHead(Utf8JsonWriter json, string id, string model, long created)
    {
        json.WriteString("id", id);
        json.WriteString("object", "chat.completion.chunk");
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void AppendEvent(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> body)
    {
        buffer.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        buffer.Write(EventEnd);
    }

    private static void WriteUsage(Utf8JsonWriter json, FakeUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", usage.CachedTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static async Task FlushAsync(HttpResponse response, ArrayBufferWriter<byte> buffer)
    {
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
        await response.Body.FlushAsync().ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }

    /// <summary>Up to three word-boundary pieces, so a stream has several deltas per choice.</summary>
    private static List<string> Split(string text)
    {
        if (text.Length < 12)
        {
            return [text];
        }

        var pieces = new List<string>();
        var start = 0;
        for (var part = 1; part < 3; part++)
        {
            var cut = text.IndexOf(' ', Math.Max(start + 1, text.Length * part / 3));
            if (cut < 0)
            {
                break;
            }

            pieces.Add(text[start..(cut + 1)]);
            start = cut + 1;
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
