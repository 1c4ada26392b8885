using System.Text;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Minimal server-sent-events reader: yields the joined <c>data:</c> lines of each event. Comments,
/// <c>event:</c>, <c>id:</c> and <c>retry:</c> fields are skipped; the chat stream only uses data.
/// </summary>
internal sealed class ServerSentEvents(Stream body)
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);
    private readonly StringBuilder _data = new();

    /// <summary>The next event's data, or null at the end of the body.</summary>
    public async ValueTask<string?> ReadEventAsync(CancellationToken ct)
    {
        _data.Clear();
        var hasData = false;
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null)
            {
                return hasData ? _data.ToString() : null;
            }

            if (line.Length == 0)
            {
                if (hasData)
                {
                    return _data.ToString();
                }

                continue;
            }

            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line.AsSpan(5);
            if (value.Length > 0 && value[0] == ' ')
            {
                value = value[1..];
            }

            if (hasData)
            {
                _data.Append('\n');
            }

            _data.Append(value);
            hasData = true;
        }
    }
}
