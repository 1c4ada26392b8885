using System.Text.Json;
using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// Validates a PUT body into a profile; every rule on character fields lives here (sampling rules
/// are shared with turn options through <see cref="SamplingRules"/>). Errors are keyed by camelCase
/// JSON path so clients can point at the field.
/// </summary>
public sealed partial class CharacterValidator(ModelCatalog catalog, ModelOptions options)
{
    public const int MaxNameLength = 100;
    public const int MaxSystemPromptLength = 20_000;
    public const int MaxOpeningLineLength = 4_000;
    public const int MaxPersonaFieldLength = 4_000;
    /// <summary>Seed 002, knowledge search: "You can currently pass up to 10 knowledge base IDs."</summary>
    public const int MaxKnowledgeBases = 10;
    public const int MaxSearchOptionsLength = 2_000;
    public const int MaxPostHistoryInstructionsLength = 4_000;
    public const int MinMemoryEntries = 20;
    public const int MaxMemoryEntries = 400;

    /// <summary>The provider's skip_save_types vocabulary.</summary>
    public static readonly IReadOnlyList<string> SaveTypes = ["system", "user", "assistant", "output"];

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CharacterIdPattern();

    public static bool IsValidId(string? characterId) => characterId is not null && CharacterIdPattern().IsMatch(characterId);

    public Validated<CharacterProfile> Validate(string characterId, CharacterDefinition? definition)
    {
        var errors = new ValidationErrors();
        if (!IsValidId(characterId))
        {
            errors.Add("characterId", "characterId must be 1-64 characters of a-z, 0-9 and '-'.");
        }
        if (definition is null)
        {
            errors.Add("body", "A JSON body is required.");
            return Validated<CharacterProfile>.Fail(errors);
        }

        if (definition.Id is not null && !string.Equals(definition.Id, characterId, StringComparison.Ordinal))
        {
            errors.Add("id", "id, when sent, must equal the characterId in the URL (it is read-only).");
        }

        var name = ValidateName(definition.Name, errors);
        var systemPrompt = ValidateSystemPrompt(definition.SystemPrompt, errors);
        ValidatePersona(definition.Persona, errors);

        var modelId = string.IsNullOrWhiteSpace(definition.Model) ? options.DefaultModel : definition.Model;
        if (!catalog.TryGet(modelId, out var spec))
        {
            errors.Add("model", catalog.UnavailableMessage(modelId));
        }

        var openingLine = string.IsNullOrWhiteSpace(definition.OpeningLine) ? null : definition.OpeningLine;
        if (openingLine is { Length: > MaxOpeningLineLength })
        {
            errors.Add("openingLine", $"openingLine must be at most {MaxOpeningLineLength} characters.");
        }

        var alternateGreetings = LorebookRules.ValidateAlternateGreetings(definition.AlternateGreetings, errors);
        var postHistory = string.IsNullOrWhiteSpace(definition.PostHistoryInstructions) ? null : definition.PostHistoryInstructions;
        if (postHistory is { Length: > MaxPostHistoryInstructionsLength })
        {
            errors.Add("postHistoryInstructions", $"postHistoryInstructions must be at most {MaxPostHistoryInstructionsLength} characters.");
        }
        var lorebook = LorebookRules.Validate(definition.Lorebook, errors);
        LorebookRules.ValidateCardData(definition.CardData, definition.Lorebook, errors);

        SamplingRules.Validate("generation", definition.Generation, spec, errors);
        var features = ValidateFeatures(definition.Features, errors);
        var memory = ValidateMemory(definition.Memory, errors);

        if (!errors.IsEmpty)
        {
            return Validated<CharacterProfile>.Fail(errors);
        }

        var generation = definition.Generation ?? new GenerationDefinition();
        return Validated<CharacterProfile>.Ok(new CharacterProfile
        {
            Id = characterId,
            Name = name!,
            Model = modelId,
            SystemPrompt = systemPrompt!,
            Persona = definition.Persona,
            OpeningLine = openingLine,
            AlternateGreetings = alternateGreetings,
            PostHistoryInstructions = postHistory,
            Lorebook = lorebook,
            CardData = definition.CardData is { Count: > 0 } cardData ? cardData : null,
            Generation = new GenerationSettings
            {
                Temperature = generation.Temperature,
                TopP = generation.TopP,
                MaxTokens = generation.MaxTokens,
                N = generation.N,
                Seed = generation.Seed,
                LogitBias = new Dictionary<string, int>(generation.LogitBias ?? [], StringComparer.Ordinal),
                SpeechOnly = generation.SpeechOnly ?? false,
            },
            Features = features,
            Memory = memory,
        });
    }

    private static string? ValidateName(string? name, ValidationErrors errors)
    {
        // Trimmed: the name becomes the "Name:" speaker prefix in group prompts.
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add("name", "name is required.");
            return null;
        }
        if (trimmed.Length > MaxNameLength)
        {
            errors.Add("name", $"name must be at most {MaxNameLength} characters.");
        }
        if (trimmed.Any(char.IsControl))
        {
            errors.Add("name", "name must be a single line without control characters.");
        }
        return trimmed;
    }

    private static string? ValidateSystemPrompt(string? systemPrompt, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(systemPrompt))
        {
            errors.Add("systemPrompt", "systemPrompt is required.");
            return null;
        }
        if (systemPrompt.Length > MaxSystemPromptLength)
        {
            errors.Add("systemPrompt", $"systemPrompt must be at most {MaxSystemPromptLength} characters.");
        }
        // Kept verbatim: it is sent as-is as the system message.
        return systemPrompt;
    }

    private static void ValidatePersona(Persona? persona, ValidationErrors errors)
    {
        if (persona is null)
        {
            return;
        }
        (string Field, string? Value)[] fields =
        [
            ("identity", persona.Identity), ("personality", persona.Personality), ("background", persona.Background),
            ("relationships", persona.Relationships), ("otherDescriptions", persona.OtherDescriptions),
            ("scenario", persona.Scenario), ("speakingStyle", persona.SpeakingStyle), ("replyLength", persona.ReplyLength),
        ];
        foreach (var (field, value) in fields)
        {
            if (value is { Length: > MaxPersonaFieldLength })
            {
                errors.Add($"persona.{field}", $"{field} must be at most {MaxPersonaFieldLength} characters.");
            }
        }
    }

    private static CharacterFeatures ValidateFeatures(FeaturesDefinition? features, ValidationErrors errors)
    {
        var ids = features?.KnowledgeBaseIds ?? [];
        if (ids.Count > MaxKnowledgeBases)
        {
            errors.Add("features.knowledgeBaseIds", $"At most {MaxKnowledgeBases} knowledge bases.");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i]))
            {
                errors.Add($"features.knowledgeBaseIds.{i}", "Knowledge base ids must be non-empty strings.");
            }
        }
        var webSearch = features?.WebSearch ?? false;
        var searchOptions = features?.SearchOptions is { ValueKind: not JsonValueKind.Null } given ? given : (JsonElement?)null;
        if (searchOptions is { } search)
        {
            if (search.ValueKind != JsonValueKind.Object)
            {
                errors.Add("features.searchOptions", "searchOptions must be a JSON object.");
            }
            else if (search.GetRawText().Length > MaxSearchOptionsLength)
            {
                errors.Add("features.searchOptions", $"searchOptions must be at most {MaxSearchOptionsLength} characters of JSON.");
            }
            if (!webSearch)
            {
                errors.Add("features.searchOptions", "searchOptions needs webSearch: true (they configure web search).");
            }
        }
        return new CharacterFeatures
        {
            Realtime = features?.Realtime ?? false,
            WebSearch = webSearch,
            SearchOptions = searchOptions?.Clone(),
            KnowledgeBaseIds = [.. ids],
        };
    }

    private static MemorySettings ValidateMemory(MemoryDefinition? memory, ValidationErrors errors)
    {
        var defaults = new MemorySettings();
        var entries = memory?.MemoryEntries ?? defaults.MemoryEntries;
        if (entries is < MinMemoryEntries or > MaxMemoryEntries)
        {
            errors.Add("memory.memoryEntries", $"memoryEntries must be between {MinMemoryEntries} and {MaxMemoryEntries}.");
        }
        var skip = memory?.SkipSaveTypes;
        if (skip is not null)
        {
            for (var i = 0; i < skip.Count; i++)
            {
                if (!SaveTypes.Contains(skip[i], StringComparer.Ordinal))
                {
                    errors.Add($"memory.skipSaveTypes.{i}", $"Must be one of: {string.Join(", ", SaveTypes)}.");
                }
            }
        }
        return new MemorySettings
        {
            LongTerm = memory?.LongTerm ?? false,
            MemoryEntries = entries,
            SkipSaveTypes = skip is null ? defaults.SkipSaveTypes : [.. skip.Distinct(StringComparer.Ordinal)],
        };
    }
}
