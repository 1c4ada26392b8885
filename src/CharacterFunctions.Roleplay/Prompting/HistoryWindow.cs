namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// Chooses where the history sent to the model starts. The rule that keeps the provider's session
/// cache warm: keep the start where it is while the request fits; when it no longer fits, jump
/// forward once to a low watermark so the prefix then stays byte-identical for many turns again
/// (sliding one message per turn would change the prefix, and miss the cache, on every call).
/// </summary>
internal static class HistoryWindow
{
    /// <param name="fixedRaw">Uncalibrated tokens that are always sent (request overhead, system, new messages, partial).</param>
    /// <param name="fixedCount">Messages that are always sent.</param>
    /// <param name="candidateRaw">Uncalibrated tokens of each history message from the current start, oldest first.</param>
    /// <param name="scale">Calibration applied to a raw total.</param>
    /// <param name="tokenBudget">Most input tokens the request may have.</param>
    /// <param name="maxMessages">Most messages the request may have.</param>
    /// <param name="lowWatermark">Share of both limits to drop to when the window must move; null drops only as far as needed.</param>
    /// <returns>Index of the first candidate to keep (== count keeps none), or -1 when even no history does not fit.</returns>
    public static int Choose(
        double fixedRaw,
        int fixedCount,
        IReadOnlyList<double> candidateRaw,
        Func<double, int> scale,
        int tokenBudget,
        int maxMessages,
        double? lowWatermark)
    {
        var n = candidateRaw.Count;
        var suffix = new double[n + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            suffix[i] = suffix[i + 1] + candidateRaw[i];
        }
        bool Fits(int from, double tokens, double messages) =>
            fixedCount + (n - from) <= messages && scale(fixedRaw + suffix[from]) <= tokens;

        if (!Fits(n, tokenBudget, maxMessages))
        {
            return -1;
        }
        if (Fits(0, tokenBudget, maxMessages))
        {
            return 0;
        }
        if (lowWatermark is { } share)
        {
            for (var i = 1; i <= n; i++)
            {
                if (Fits(i, Math.Floor(tokenBudget * share), Math.Floor(maxMessages * share)))
                {
                    return i;
                }
            }
        }
        // The fixed part alone is above the watermark (e.g. a very long system prompt): keep what fits.
        for (var i = 1; i <= n; i++)
        {
            if (Fits(i, tokenBudget, maxMessages))
            {
                return i;
            }
        }
        return n;
    }
}
