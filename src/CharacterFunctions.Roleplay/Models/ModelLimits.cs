namespace CharacterFunctions.Roleplay.Models;

/// <summary>Token limits of one model, the same in every region (prices differ, limits do not).</summary>
public sealed record ModelLimits(string Id, int ContextWindow, int MaxInputTokens, int MaxOutputTokens)
{
    /// <summary>
    /// Where the seeds disagree the stricter number wins, so a request we accept is accepted by every
    /// documented deployment.
    /// </summary>
    public static readonly IReadOnlyList<ModelLimits> BuiltIn =
    [
        // Seeds 001 (zh table) and 004 (international site): max input 30,000, max output 4,000;
        // seeds 002 (Chinese mainland table) and 003: 32,000 / 4,096 (002's International table even 32,768).
        new("qwen-plus-character", 32_768, 30_000, 4_000),
        // Seeds 001, 004 and 002's Chinese mainland table: 8,000 input; 002's International table says 8,192.
        new("qwen-flash-character", 8_192, 8_000, 4_096),
        // Seed 002 only (Chinese mainland table): 8,192 window and 8,192 input. That table's max-output
        // cell spans all three mainland rows, so the snapshot shares the 4,096 output limit.
        new("qwen-flash-character-2026-02-26", 8_192, 8_192, 4_096),
        // Seeds 001-004 agree.
        new("qwen-plus-character-ja", 8_192, 7_680, 512),
    ];
}
