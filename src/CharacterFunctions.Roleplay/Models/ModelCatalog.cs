namespace CharacterFunctions.Roleplay.Models;

/// <summary>The known Qwen-Character models and endpoint resolution per region.</summary>
public sealed class ModelCatalog
{
    public bool TryGet(string modelId, out ModelSpec spec) => throw new NotImplementedException($"issue #2 {modelId}");
    public ModelSpec Get(string modelId) => throw new NotImplementedException($"issue #2 {modelId}");
    public IReadOnlyCollection<ModelSpec> All => throw new NotImplementedException("issue #2");
    public static Uri ResolveBaseUrl(ModelOptions options) => throw new NotImplementedException($"issue #2 {options}");
}
