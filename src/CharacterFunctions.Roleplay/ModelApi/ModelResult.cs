namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>Either a completion or a failure; model calls never throw for provider errors.</summary>
public sealed record ModelResult(ChatCompletion? Completion, ModelFailure? Failure)
{
    public bool IsSuccess => Completion is not null;
    public static ModelResult Ok(ChatCompletion completion) => new(completion, null);
    public static ModelResult Fail(ModelFailure failure) => new(null, failure);
}
