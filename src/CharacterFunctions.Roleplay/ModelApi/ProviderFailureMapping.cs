using CharacterFunctions.Roleplay.ModelApi.Wire;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Pure rules that turn what the provider answered into a <see cref="ModelFailure"/> and decide whether a
/// retry can help. Kept apart from the HTTP plumbing so the mapping is readable and testable on its own.
/// </summary>
internal static class ProviderFailureMapping
{
    /// <summary>
    /// Quota or arrears: retrying does not help. DashScope's <c>Throttling.RateQuota</c> is a per-second
    /// rate limit despite its name, so it stays retryable.
    /// </summary>
    public static bool IsQuotaOrArrears(ProviderError error) =>
        IsQuotaWord(error.Code) || IsQuotaWord(error.Type);

    private static bool IsQuotaWord(string? value) =>
        value is not null
        && (value.Contains("arrear", StringComparison.OrdinalIgnoreCase)
            || (value.Contains("quota", StringComparison.OrdinalIgnoreCase)
                && !value.Contains("RateQuota", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Statuses worth another attempt: throttling, server errors and gateway timeouts. A 429 that names
    /// quota or arrears is final, unless the provider itself says when to retry (Retry-After).
    /// </summary>
    public static bool IsRetryable(int status, ProviderError error, bool hasRetryAfter = false) =>
        status == 408 || status >= 500 || (status == 429 && (hasRetryAfter || !IsQuotaOrArrears(error)));

    /// <summary>The failure for a non-success HTTP status.</summary>
    public static ModelFailure FromStatus(int status, ProviderError error, TimeSpan? retryAfter, string? headerRequestId)
    {
        var requestId = error.RequestId ?? headerRequestId;
        var kind = status switch
        {
            _ when IsQuotaOrArrears(error) && status is 400 or 403 or 429 => ModelFailureKind.QuotaExhausted,
            401 or 403 => ModelFailureKind.Unauthorized,
            408 => ModelFailureKind.Timeout,
            429 => ModelFailureKind.RateLimited,
            400 or 413 or 422 => ModelFailureKind.BadRequest,
            _ => ModelFailureKind.Unavailable,
        };

        // Unauthorized messages may echo part of the key on some gateways; keep only our own words.
        var message = kind == ModelFailureKind.Unauthorized
            ? "The model provider rejected the API key."
            : error.Message ?? DefaultMessage(kind, status);

        return new ModelFailure(kind, status, error.Code ?? error.Type, message, requestId,
            kind is ModelFailureKind.RateLimited or ModelFailureKind.QuotaExhausted or ModelFailureKind.Unavailable ? retryAfter : null);
    }

    /// <summary>An <c>error</c> object inside a 200 stream: no status, so the code decides.</summary>
    public static ModelFailure FromStreamError(ProviderError error)
    {
        var kind = IsQuotaOrArrears(error) ? ModelFailureKind.QuotaExhausted
            : IsRequestProblem(error) ? ModelFailureKind.BadRequest
            : ModelFailureKind.Unavailable;
        return new ModelFailure(kind, null, error.Code ?? error.Type, error.Message ?? DefaultMessage(kind, null), error.RequestId);
    }

    private static bool IsRequestProblem(ProviderError error) =>
        error.Code is "data_inspection_failed" or "invalid_parameter_error" or "DataInspectionFailed" or "InvalidParameter"
        || error.Type is "invalid_request_error";

    public static ModelFailure Timeout(string message) => new(ModelFailureKind.Timeout, null, null, message);

    public static ModelFailure Connection(string message) => new(ModelFailureKind.Unavailable, null, null, message);

    public static ModelFailure Invalid(int? status, string message, string? requestId = null) =>
        new(ModelFailureKind.InvalidResponse, status, null, message, requestId);

    private static string DefaultMessage(ModelFailureKind kind, int? status) => kind switch
    {
        ModelFailureKind.RateLimited => "The model provider is rate limiting requests.",
        ModelFailureKind.QuotaExhausted => "The model provider quota is exhausted.",
        ModelFailureKind.Timeout => "The model provider timed out.",
        ModelFailureKind.BadRequest => "The model provider rejected the request.",
        _ => status is null ? "The model provider failed." : $"The model provider answered HTTP {status}.",
    };
}
