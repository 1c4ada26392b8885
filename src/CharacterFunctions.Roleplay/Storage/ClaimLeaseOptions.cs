namespace CharacterFunctions.Roleplay.Storage;

/// <summary>How long an in-flight idempotency claim stays alive without renewal, and how often its owner renews it.</summary>
public sealed class ClaimLeaseOptions
{
    public const string SectionName = "Claims";

    /// <summary>A claim not renewed for this long is taken over (its owner crashed or hangs).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a running turn renews its claim; well under <see cref="Lease"/> so one slow write does not lose it.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// True when this process is the only one writing the store (the local host: its per-session locks and
    /// actors are in-process), so a claim held by another owner id was left by an earlier run and is taken
    /// over at once. False where several instances share the store (Azure): only the lease decides.
    /// </summary>
    public bool SoleOwner { get; set; }
}
