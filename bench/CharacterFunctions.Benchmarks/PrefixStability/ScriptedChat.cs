namespace CharacterFunctions.Benchmarks.PrefixStability;

/// <summary>
/// A deterministic pseudo-random role-play script: player lines and character replies of realistic,
/// varied lengths (mostly short banter, sometimes long monologues, some Chinese).
/// </summary>
internal sealed class ScriptedChat(int seed)
{
    private static readonly string[] Words =
    [
        "the", "a", "board", "stone", "move", "you", "I", "class", "monitor", "library", "rain", "window", "tea",
        "shop", "tomorrow", "tonight", "exam", "really", "maybe", "because", "quiet", "laugh", "smile", "game",
        "win", "lose", "strategy", "corner", "territory", "ko", "capture", "opening", "why", "what", "how",
        "(leans closer)", "(grins)", "(taps the table)", "\"Ordinary World\"", "homework", "walk", "river",
    ];

    private readonly Random _random = new(seed);

    public string PlayerLine() => Line(_random.Next(10) == 0 ? (60, 160) : (3, 40));

    public string CharacterReply() => Line(_random.Next(8) == 0 ? (120, 260) : (15, 90));

    private string Line((int Min, int Max) words)
    {
        var count = _random.Next(words.Min, words.Max + 1);
        var text = string.Join(' ', Enumerable.Range(0, count).Select(_ => Words[_random.Next(Words.Length)]));
        return _random.Next(6) == 0 ? text + " 今天的棋局真有意思，你觉得呢？" : text;
    }
}
