using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Services;

/// <summary>
/// Per-turn sampling options check. Interim: delegates to the shared SamplingRules in Characters/
/// once that is merged (one-line change), so turns and character defaults follow the same ranges.
/// </summary>
internal static class TurnOptionsRules
{
    public const int MaxN = 4;

    public static void Validate(TurnOptions? options, ValidationErrors errors)
    {
        if (options is null)
        {
            return;
        }
        if (options.N is { } n && (n < 1 || n > MaxN))
        {
            errors.Add("options.n", $"Must be from 1 to {MaxN}.");
        }
        if (options.Seed is { } seed && (seed < 0 || seed > uint.MaxValue))
        {
            errors.Add("options.seed", $"Must be from 0 to {uint.MaxValue}.");
        }
        if (options.Temperature is { } temperature && (double.IsNaN(temperature) || temperature < 0 || temperature >= 2))
        {
            errors.Add("options.temperature", "Must be at least 0 and less than 2.");
        }
        if (options.TopP is { } topP && (double.IsNaN(topP) || topP <= 0 || topP > 1))
        {
            errors.Add("options.topP", "Must be greater than 0 and at most 1.");
        }
        if (options.MaxTokens is { } maxTokens && maxTokens < 1)
        {
            errors.Add("options.maxTokens", "Must be at least 1.");
        }
        foreach (var (token, bias) in options.LogitBias ?? [])
        {
            if (token.Length == 0 || token.Length > 10 || !token.All(char.IsAsciiDigit))
            {
                errors.Add($"options.logitBias.{token}", "Keys must be token ids (digits).");
            }
            else if (bias is < -100 or > 100)
            {
                errors.Add($"options.logitBias.{token}", "Must be from -100 to 100.");
            }
        }
    }
}
