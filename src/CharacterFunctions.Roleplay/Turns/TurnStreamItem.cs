namespace CharacterFunctions.Roleplay.Turns;

/// <summary>
/// What a streamed turn yields: text deltas while the model writes, then exactly one <see cref="Done"/>
/// with the committed result. <see cref="Done"/> is authoritative: if the commit had to be retried
/// (another message got in first) its text can differ from the deltas.
/// </summary>
public abstract record TurnStreamItem
{
    public sealed record Delta(int Index, string Text) : TurnStreamItem;
    public sealed record Done(TurnResult Result) : TurnStreamItem;
}
