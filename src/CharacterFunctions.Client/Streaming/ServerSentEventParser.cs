using System.Text;

namespace CharacterFunctions.Client.Streaming;

/// <summary>
/// The WHATWG event-stream line rules, fed one line at a time: <c>event:</c> names, <c>data:</c> lines
/// join with newlines, a blank line dispatches, <c>:</c> comments and unknown fields are ignored.
/// </summary>
internal sealed class ServerSentEventParser
{
    private readonly StringBuilder _data = new();
    private string? _name;
    private bool _hasData;

    /// <summary>The event completed by <paramref name="line"/> (a blank line), else null.</summary>
    public ServerSentEvent? Feed(string line)
    {
        if (line.Length == 0)
        {
            if (!_hasData)
            {
                _name = null;
                return null;
            }
            var dispatched = new ServerSentEvent(string.IsNullOrEmpty(_name) ? "message" : _name!, _data.ToString());
            _data.Clear();
            _name = null;
            _hasData = false;
            return dispatched;
        }
        if (line[0] == ':')
        {
            return null;
        }

        var colon = line.IndexOf(':');
        var field = colon < 0 ? line : line.Substring(0, colon);
        var value = colon < 0 ? "" : line.Substring(colon + 1);
        if (value.Length > 0 && value[0] == ' ')
        {
            value = value.Substring(1);
        }

        switch (field)
        {
            case "event":
                _name = value;
                break;
            case "data":
                if (_hasData)
                {
                    _data.Append('\n');
                }
                _data.Append(value);
                _hasData = true;
                break;
        }
        return null;
    }
}
