using CharacterFunctions.Roleplay.Models;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Start-up checks of <see cref="ModelOptions"/>: a host with a broken model configuration should refuse to
/// start rather than fail every turn later.
/// </summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    /// <summary>Azure Functions cuts HTTP requests at 230 s; the model call must end well before.</summary>
    public static readonly TimeSpan MaxTotalTimeout = TimeSpan.FromSeconds(200);

    // Polly's timeout strategy accepts only timeouts above 10 ms.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(20);

    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (!ModelEndpoint.TryResolveBaseUrl(options, out _, out var endpointError))
        {
            errors.Add(endpointError);
        }

        var prices = PriceLists.For(options.Region, options.Currency);
        if (prices is null)
        {
            errors.Add($"Model:Currency '{options.Currency}' has no price list for region {options.Region} (Beijing: CNY; International/Singapore: CNY or USD).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultModel))
        {
            errors.Add("Model:DefaultModel must not be empty.");
        }
        else if (prices is not null && new ModelCatalog(options) is var catalog && !catalog.TryGet(options.DefaultModel, out _))
        {
            errors.Add($"Model:DefaultModel: {catalog.UnavailableMessage(options.DefaultModel)}");
        }

        if (options.AttemptTimeout < MinTimeout)
        {
            errors.Add($"Model:AttemptTimeout must be at least {MinTimeout.TotalMilliseconds} ms.");
        }

        if (options.TotalTimeout < MinTimeout || options.TotalTimeout > MaxTotalTimeout)
        {
            errors.Add($"Model:TotalTimeout must be between {MinTimeout.TotalMilliseconds} ms and {MaxTotalTimeout.TotalSeconds} s.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add("Model:MaxRetries must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add("Model:RetryBaseDelay must be between 0 and 1 minute.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter > MaxTotalTimeout)
        {
            errors.Add($"Model:MaxRetryAfter must be between 0 and {MaxTotalTimeout.TotalSeconds} s.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
