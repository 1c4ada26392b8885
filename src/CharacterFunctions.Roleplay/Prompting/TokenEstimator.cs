using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// Conservative token estimate (no tokenizer package here), calibrated from reported prompt_tokens.
/// The raw estimate over-counts on purpose (CJK and fullwidth characters 1 token each, other text
/// 1 token per 3 ASCII characters) so an uncalibrated window never exceeds the model's input limit.
/// Calibration then learns a per-model factor from what the provider counted; the factor keeps a
/// 10% safety margin and is clamped, so a few odd observations cannot make estimates reckless.
/// The floor (0.75, i.e. never fewer tokens than ASCII characters / 4) and the plausibility window for
/// observations keep a gateway or fake that reports constant or zero-ish usage from growing the history
/// window past the model's real input limit.
/// Thread-safe: one instance serves all sessions.
/// </summary>
public sealed class TokenEstimator
{
    /// <summary>Role markers and separators the chat template adds around each message.</summary>
    public const int MessageOverhead = 4;

    /// <summary>Template tokens of the request itself (start of the assistant turn etc.).</summary>
    public const int RequestOverhead = 8;

    public const double SafetyMargin = 1.1;
    public const double MinFactor = 0.75;
    public const double MaxFactor = 2.0;

    /// <summary>Reported/raw ratios outside this window are not a tokenizer's count (constant or broken usage) and are ignored.</summary>
    public const double MinPlausibleRatio = 0.25;
    public const double MaxPlausibleRatio = 4.0;

    /// <summary>Weight of the newest observation in the moving average.</summary>
    public const double Smoothing = 0.2;

    private readonly ConcurrentDictionary<string, Calibration> _calibrations = new(StringComparer.Ordinal);

    /// <summary>Calibrated estimate of a text on its own.</summary>
    public int Estimate(string modelId, string text) => Scale(modelId, RawTextTokens(text));

    /// <summary>Calibrated estimate of a whole request's messages including template overheads.</summary>
    public int EstimateMessages(string modelId, IReadOnlyList<ChatMessage> messages)
    {
        double raw = RequestOverhead;
        foreach (var message in messages)
        {
            raw += RawMessageTokens(message);
        }
        return Scale(modelId, raw);
    }

    /// <summary>
    /// Feeds back what the provider counted for a request we estimated with <see cref="EstimateMessages"/>.
    /// The raw estimate is recovered with the current factor, which is exact unless another
    /// observation changed it in between (then the error is one smoothing step).
    /// </summary>
    public void Observe(string modelId, int estimatedTokens, long reportedPromptTokens)
    {
        if (estimatedTokens <= 0 || reportedPromptTokens <= 0)
        {
            return;
        }
        var calibration = _calibrations.GetOrAdd(modelId, _ => new Calibration());
        lock (calibration)
        {
            var raw = estimatedTokens / calibration.Factor;
            var ratio = reportedPromptTokens / raw;
            if (ratio is < MinPlausibleRatio or > MaxPlausibleRatio)
            {
                return;
            }
            calibration.Ratio = calibration.Ratio is { } previous ? previous + Smoothing * (ratio - previous) : ratio;
        }
    }

    /// <summary>What raw estimates are multiplied by for this model (1 until observed).</summary>
    public double Factor(string modelId)
    {
        if (!_calibrations.TryGetValue(modelId, out var calibration))
        {
            return 1.0;
        }
        lock (calibration)
        {
            return calibration.Factor;
        }
    }

    /// <summary>Applies the model's calibration to a raw estimate (rounded up).</summary>
    public int Scale(string modelId, double rawTokens) => (int)Math.Ceiling(rawTokens * Factor(modelId));

    /// <summary>Uncalibrated tokens of one message: its content plus the template overhead.</summary>
    public static double RawMessageTokens(ChatMessage message) => MessageOverhead + RawTextTokens(message.Content);

    /// <summary>Uncalibrated tokens of a text.</summary>
    public static double RawTextTokens(string text)
    {
        double tokens = 0;
        var ascii = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                ascii++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // Emoji and rare ideographs: byte-level BPE often needs two tokens.
                tokens += 2;
                i++;
            }
            else if (IsWide(c))
            {
                tokens += 1;
            }
            else
            {
                // Accented Latin, Cyrillic, Greek...: denser than ASCII in byte-level BPE.
                tokens += 0.5;
            }
        }
        return tokens + Math.Ceiling(ascii / 3.0);
    }

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u11FF')   // Hangul Jamo
            or (>= '\u2E80' and <= '\u9FFF') // CJK radicals, punctuation, kana, ideographs
            or (>= '\uA000' and <= '\uA4CF') // Yi
            or (>= '\uAC00' and <= '\uD7AF') // Hangul syllables
            or (>= '\uF900' and <= '\uFAFF') // CJK compatibility ideographs
            or (>= '\uFE30' and <= '\uFE4F') // CJK compatibility forms
            or (>= '\uFF00' and <= '\uFFEF'); // Halfwidth and fullwidth forms

    private sealed class Calibration
    {
        public double? Ratio { get; set; }

        public double Factor => Ratio is { } r ? Math.Clamp(r * SafetyMargin, MinFactor, MaxFactor) : 1.0;
    }
}
