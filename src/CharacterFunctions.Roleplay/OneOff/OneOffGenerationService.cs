using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.OneOff;

/// <summary>
/// Seed 003's "personified content generation" (operator only): one request whose only message is a user message
/// holding the character's profile and the instruction, as the seed's example sends it; nothing is stored.
/// Seed 003 offers it "only in the China (Beijing) region", so other regions are refused before any model call,
/// unless an explicit <c>Model__BaseUrl</c> points at a gateway that decides for itself.
/// </summary>
public sealed class OneOffGenerationService(
    ICharacterStore characters, ModelCatalog catalog, IOptions<ModelOptions> options, IChatModel model, ILogger<OneOffGenerationService> logger)
{
    public const int MaxInstructionLength = 8000;
    public const int MaxProfileLength = 8000;

    public Task<GenerateResult> GenerateAsync(Caller caller, GenerateRequest? request, CancellationToken ct) =>
        RunAsync(caller, request, model.CompleteAsync, ct);

    /// <summary>The same generation streamed: deltas per choice, then Done with the result.</summary>
    public IAsyncEnumerable<GenerationStreamItem<GenerateResult>> StreamAsync(Caller caller, GenerateRequest? request, CancellationToken ct) =>
        GenerationStream.RunAsync<GenerateResult>(model, invoke => RunAsync(caller, request, invoke, ct), ct);

    private async Task<GenerateResult> RunAsync(Caller caller, GenerateRequest? request, ModelInvoker invoke, CancellationToken ct)
    {
        if (!caller.IsOperator)
        {
            throw new RoleplayException(ProblemKind.Forbidden, "Operator access required.", "One-off generation needs the operator key.");
        }
        RequireRegion();
        var (profile, modelId, instruction) = await ValidateAsync(request, ct);
        var callId = "generate-" + Guid.NewGuid().ToString("N");
        var body = new ChatCompletionRequest
        {
            Model = modelId,
            Messages = [ChatMessage.User(profile is null ? instruction : profile + "\n\n" + instruction)],
            N = request!.N,
            Seed = request.Seed,
        };
        // No session: the header carries a one-time id, so logs correlate and no cache is shared.
        var completion = GenerationSteps.RequireCompletion(await invoke(new ModelCall(body, callId), ct));
        logger.LogInformation("One-off generation {CallId}: {Choices} choices on {Model}", callId, completion.Choices.Count, modelId);
        return new GenerateResult(modelId, completion.Choices, completion.FinishReasons, completion.Usage,
            catalog.EstimateCost(modelId, completion.Usage), catalog.Currency);
    }

    private void RequireRegion()
    {
        var configured = options.Value;
        if (configured.Region != ModelRegion.Beijing && string.IsNullOrWhiteSpace(configured.BaseUrl))
        {
            throw new RoleplayException(ProblemKind.Validation, "Not offered in this region.",
                $"Personified content generation is only offered in the Beijing region (seed 003); this service is configured for {configured.Region}.",
                code: "region_unsupported");
        }
    }

    private async Task<(string? Profile, string Model, string Instruction)> ValidateAsync(GenerateRequest? request, CancellationToken ct)
    {
        if (request is null)
        {
            throw RoleplayException.Invalid("body", "A JSON body is required.");
        }
        var errors = new ValidationErrors();
        var instruction = request.Instruction?.Trim() ?? "";
        if (instruction.Length == 0 || instruction.Length > MaxInstructionLength)
        {
            errors.Add("instruction", $"Required, at most {MaxInstructionLength} characters.");
        }
        if (request.N is { } n && (n < 1 || n > SamplingRules.MaxN))
        {
            errors.Add("n", $"Must be from 1 to {SamplingRules.MaxN}.");
        }
        if (request.Seed is { } seed && (seed < 0 || seed > SamplingRules.MaxSeed))
        {
            errors.Add("seed", $"Must be from 0 to {SamplingRules.MaxSeed}.");
        }
        string? profile = null;
        var modelId = request.Model ?? options.Value.DefaultModel;
        if ((request.CharacterId is null) == (request.Profile is null))
        {
            errors.Add("characterId", "Give either characterId or profile.");
        }
        else if (request.CharacterId is { } id)
        {
            if (request.Model is not null)
            {
                errors.Add("model", "A stored character uses its own model.");
            }
            var character = await characters.GetAsync(id, ct);
            if (character is null)
            {
                errors.Add("characterId", $"Unknown character '{id}'.");
            }
            else
            {
                profile = PersonaRenderer.EffectiveSystemPrompt(character);
                modelId = character.Model;
            }
        }
        else if (request.Profile!.Trim().Length == 0 || request.Profile.Length > MaxProfileLength)
        {
            errors.Add("profile", $"1 to {MaxProfileLength} characters.");
        }
        else
        {
            profile = request.Profile.Trim();
        }
        if (!catalog.TryGet(modelId, out _))
        {
            errors.Add("model", catalog.UnavailableMessage(modelId));
        }
        return errors.IsEmpty ? (profile, modelId, instruction) : throw RoleplayException.Invalid(errors.ToDictionary());
    }
}
