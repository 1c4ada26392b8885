namespace CharacterFunctions.Roleplay.Speech;

/// <summary>
/// A reply split for a game: <see cref="Speech"/> is what a voice reads (action spans removed) and
/// <see cref="Actions"/> the removed spans' inner text in order, to drive animations.
/// </summary>
public sealed record ReplySpeech(string Speech, IReadOnlyList<string> Actions)
{
    /// <summary>Splits <paramref name="reply"/>; see <see cref="ActionSpans"/> for what counts as an action.</summary>
    public static ReplySpeech Of(string reply) => ActionSpans.Split(reply);
}
