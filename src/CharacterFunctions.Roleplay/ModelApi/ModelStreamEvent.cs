namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>What a streamed call yields: text deltas, then exactly one Completed or Failed.</summary>
public abstract record ModelStreamEvent
{
    public sealed record Delta(int ChoiceIndex, string Text) : ModelStreamEvent;
    public sealed record Completed(ChatCompletion Completion) : ModelStreamEvent;
    public sealed record Failed(ModelFailure Failure) : ModelStreamEvent;
}
