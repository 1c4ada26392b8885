namespace CharacterFunctions.Roleplay.Models;

/// <summary>Where the OpenAI-compatible endpoint lives; API keys differ per region.</summary>
public enum ModelRegion
{
    /// <summary>Chinese mainland (Beijing).</summary>
    Beijing,

    /// <summary>International endpoint.</summary>
    International,

    /// <summary>Singapore workspace endpoint; needs a workspace id.</summary>
    Singapore,
}
