namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>Conservative token estimate (no tokenizer package here), calibrated from reported prompt_tokens.</summary>
public sealed class TokenEstimator
{
    public int Estimate(string modelId, string text) => throw new NotImplementedException($"issue #2 {modelId} {text.Length}");

    /// <summary>Feeds back what the provider counted for a request we estimated.</summary>
    public void Observe(string modelId, int estimatedTokens, long reportedPromptTokens) => throw new NotImplementedException($"issue #2 {modelId} {estimatedTokens} {reportedPromptTokens}");
}
