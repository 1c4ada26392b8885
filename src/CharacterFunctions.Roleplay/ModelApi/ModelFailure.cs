namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>Why a model call failed, after the client's own retries.</summary>
public enum ModelFailureKind
{
    /// <summary>429 that persisted past the retry bound: client should retry later (503 + Retry-After).</summary>
    RateLimited,
    /// <summary>Quota/arrears style 429 or 403: retrying does not help (503).</summary>
    QuotaExhausted,
    /// <summary>5xx or connection failure past the retry bound (502).</summary>
    Unavailable,
    /// <summary>Timed out past the retry bound (504).</summary>
    Timeout,
    /// <summary>Provider rejected the request: content inspection, input too long... (422 with the code).</summary>
    BadRequest,
    /// <summary>401/403 from the provider: our key is wrong (502, never the key itself).</summary>
    Unauthorized,
    /// <summary>The provider answered something we cannot parse (502).</summary>
    InvalidResponse,
}

/// <summary>A provider failure with its error code, message and request id when it sent them.</summary>
public sealed record ModelFailure(
    ModelFailureKind Kind,
    int? HttpStatus,
    string? Code,
    string Message,
    string? RequestId = null,
    TimeSpan? RetryAfter = null);
