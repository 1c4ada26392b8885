namespace CharacterFunctions.Roleplay.Generation;

/// <summary>
/// What a streamed regenerate or continue yields, in the shape of a streamed turn: text deltas while the model
/// writes, then exactly one <see cref="Done"/> with the committed result, which is authoritative.
/// </summary>
public abstract record GenerationStreamItem<T>
{
    public sealed record Delta(int Index, string Text) : GenerationStreamItem<T>;
    public sealed record Done(T Result) : GenerationStreamItem<T>;
}
