namespace CharacterFunctions.Client.Streaming;

/// <summary>Reads events off a response body; null at the end of the stream.</summary>
internal sealed class ServerSentEventReader(Stream body)
{
    private readonly StreamReader _reader = new(body);
    private readonly ServerSentEventParser _parser = new();

    public async Task<ServerSentEvent?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
#if NET7_0_OR_GREATER
            var line = await _reader.ReadLineAsync(ct).ConfigureAwait(false);
#else
            ct.ThrowIfCancellationRequested();
            var line = await _reader.ReadLineAsync().ConfigureAwait(false);
#endif
            if (line is null)
            {
                return null;
            }
            if (_parser.Feed(line) is { } sse)
            {
                return sse;
            }
        }
    }
}
