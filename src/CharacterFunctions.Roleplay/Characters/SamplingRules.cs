using System.Globalization;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Speech;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// The one home of the sampling rules (temperature, top_p, max_tokens, n, seed, logit_bias), shared
/// by a character's <c>generation</c> defaults and a turn's <c>options</c>, plus the one merge rule
/// of character and turn logit biases.
/// </summary>
public static class SamplingRules
{
    public const double MaxTemperatureExclusive = 2.0;
    public const int MaxN = 4;
    public const long MaxSeed = int.MaxValue;
    public const int MinBias = -100;
    public const int MaxBias = 100;
    public const int MaxLogitBiasEntries = 300;

    /// <summary>
    /// Adds an error per broken rule, keyed <c>{prefix}.{field}</c> (e.g. <c>generation.logitBias.7</c>).
    /// <paramref name="spec"/> bounds max_tokens by the model's max output; null skips that bound
    /// (the model itself is invalid and reported elsewhere).
    /// </summary>
    public static void Validate(
        string prefix,
        double? temperature,
        double? topP,
        int? maxTokens,
        int? n,
        long? seed,
        IReadOnlyDictionary<string, int>? logitBias,
        ModelSpec? spec,
        ValidationErrors errors)
    {
        if (temperature is { } t && !(t >= 0 && t < MaxTemperatureExclusive))
        {
            errors.Add($"{prefix}.temperature", "temperature must be at least 0 and less than 2.");
        }
        if (topP is { } p && !(p > 0 && p <= 1))
        {
            errors.Add($"{prefix}.topP", "topP must be greater than 0 and at most 1.");
        }
        if (maxTokens is { } m && (m < 1 || (spec is not null && m > spec.MaxOutputTokens)))
        {
            var upper = spec is null ? "" : $" and at most {spec.MaxOutputTokens} for {spec.Id}";
            errors.Add($"{prefix}.maxTokens", $"maxTokens must be at least 1{upper}.");
        }
        if (n is { } count && (count < 1 || count > MaxN))
        {
            errors.Add($"{prefix}.n", $"n must be between 1 and {MaxN}.");
        }
        if (seed is { } s && (s < 0 || s > MaxSeed))
        {
            errors.Add($"{prefix}.seed", $"seed must be between 0 and {MaxSeed}.");
        }
        ValidateLogitBias($"{prefix}.logitBias", logitBias, errors);
    }

    public static void Validate(string prefix, GenerationDefinition? generation, ModelSpec? spec, ValidationErrors errors)
    {
        if (generation is not null)
        {
            Validate(prefix, generation.Temperature, generation.TopP, generation.MaxTokens, generation.N, generation.Seed, generation.LogitBias, spec, errors);
            if (generation.SpeechOnly == true && generation.LogitBias is { } own
                && own.Keys.Union(ParenthesesBan.TokenIds, StringComparer.Ordinal).Count() > MaxLogitBiasEntries)
            {
                errors.Add($"{prefix}.logitBias", $"Together with the speechOnly ban, at most {MaxLogitBiasEntries} tokens may be biased.");
            }
        }
    }

    /// <summary>
    /// A turn's options against the speaking character: the same field rules, plus the merged
    /// logit bias (what is actually sent) staying within the entry limit.
    /// </summary>
    public static void Validate(string prefix, TurnOptions? options, CharacterProfile speaker, ModelSpec spec, ValidationErrors errors)
    {
        if (options is null)
        {
            return;
        }
        Validate(prefix, options.Temperature, options.TopP, options.MaxTokens, options.N, options.Seed, options.LogitBias, spec, errors);
        if ((options.LogitBias is { Count: > 0 } || options.SpeechOnly == true) && EffectiveLogitBias(speaker.Generation, options).Count > MaxLogitBiasEntries)
        {
            errors.Add($"{prefix}.logitBias", $"Together with the character's logitBias and the speechOnly ban, at most {MaxLogitBiasEntries} tokens may be biased.");
        }
    }

    /// <summary>
    /// What is sent as logit_bias: the parentheses ban when speechOnly is on (the turn's setting, else the
    /// character's), then the character's biases, then the turn's. Explicit biases win over the ban per
    /// token: an operator who sets a token on purpose means it, the ban is a convenience default.
    /// </summary>
    public static IReadOnlyDictionary<string, int> EffectiveLogitBias(GenerationSettings character, TurnOptions? turn)
    {
        var speechOnly = turn?.SpeechOnly ?? character.SpeechOnly;
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        if (speechOnly)
        {
            foreach (var token in ParenthesesBan.TokenIds)
            {
                merged[token] = ParenthesesBan.Bias;
            }
        }
        foreach (var (token, bias) in MergeLogitBias(character.LogitBias, turn?.LogitBias))
        {
            merged[token] = bias;
        }
        return merged;
    }

    /// <summary>The character's biases overridden per token by the turn's; insertion order is stable.</summary>
    public static IReadOnlyDictionary<string, int> MergeLogitBias(IReadOnlyDictionary<string, int> character, IReadOnlyDictionary<string, int>? turn)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, bias) in character)
        {
            merged[token] = bias;
        }
        foreach (var (token, bias) in turn ?? new Dictionary<string, int>())
        {
            merged[token] = bias;
        }
        return merged;
    }

    private static void ValidateLogitBias(string key, IReadOnlyDictionary<string, int>? logitBias, ValidationErrors errors)
    {
        if (logitBias is null)
        {
            return;
        }
        if (logitBias.Count > MaxLogitBiasEntries)
        {
            errors.Add(key, $"At most {MaxLogitBiasEntries} tokens may be biased.");
        }
        foreach (var (token, bias) in logitBias)
        {
            if (!IsTokenId(token))
            {
                errors.Add($"{key}.{token}", "Keys must be token ids (non-negative integers).");
            }
            else if (bias < MinBias || bias > MaxBias)
            {
                errors.Add($"{key}.{token}", $"Bias must be between {MinBias} and {MaxBias}.");
            }
        }
    }

    private static bool IsTokenId(string token) =>
        token.Length is > 0 and <= 10
        && token.All(char.IsAsciiDigit)
        && long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && id <= int.MaxValue;
}
