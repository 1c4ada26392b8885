namespace CharacterFunctions.Roleplay.Models;

/// <summary>Where the OpenAI-compatible endpoint lives; API keys, models and prices differ per region.</summary>
public enum ModelRegion
{
    /// <summary>Chinese mainland (Beijing).</summary>
    Beijing,

    /// <summary>International endpoint (the Singapore deployment, seed 002 "International", seed 003 "Singapore").</summary>
    International,

    /// <summary>Singapore workspace endpoint of the same International deployment; needs a workspace id.</summary>
    Singapore,
}
