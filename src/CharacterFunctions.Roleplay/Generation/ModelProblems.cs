using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Generation;

/// <summary>
/// The one mapping from a model failure (after the client's own retries) to what the caller sees.
/// The provider's message is deliberately left out: it can quote the prompt.
/// </summary>
public static class ModelProblems
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>A 503 always names a Retry-After; quota comes back slowly, so the hint is a minute, not seconds.</summary>
    public static readonly TimeSpan QuotaRetryAfter = TimeSpan.FromSeconds(60);

    public static RoleplayException ToException(ModelFailure failure)
    {
        var requestId = failure.RequestId is { Length: > 0 } id ? $" Provider request id: {id}." : "";
        return failure.Kind switch
        {
            ModelFailureKind.BadRequest => new RoleplayException(ProblemKind.Unprocessable, "The model rejected the request.",
                $"The model provider refused the input (code '{failure.Code ?? "bad_request"}').{requestId}", code: failure.Code ?? "bad_request"),
            ModelFailureKind.RateLimited => new RoleplayException(ProblemKind.Unavailable, "The model is rate limited.",
                $"The model provider is throttling requests; retry later.{requestId}", code: failure.Code, retryAfter: failure.RetryAfter ?? DefaultRetryAfter),
            ModelFailureKind.QuotaExhausted => new RoleplayException(ProblemKind.Unavailable, "The model quota is exhausted.",
                $"The model provider refused the call for quota or billing reasons.{requestId}", code: failure.Code, retryAfter: failure.RetryAfter ?? QuotaRetryAfter),
            ModelFailureKind.Timeout => new RoleplayException(ProblemKind.GatewayTimeout, "The model timed out.",
                $"The model provider did not answer in time.{requestId}", code: failure.Code),
            ModelFailureKind.Unauthorized => new RoleplayException(ProblemKind.BadGateway, "The model endpoint refused our credentials.",
                $"The model provider rejected the configured API key.{requestId}", code: failure.Code),
            // The provider said when it will be back (503 + Retry-After): pass that on instead of a bare 502.
            ModelFailureKind.Unavailable when failure.RetryAfter is { } retryAfter => new RoleplayException(ProblemKind.Unavailable,
                "The model is unavailable.", $"The model provider is temporarily unavailable; retry later.{requestId}",
                code: failure.Code, retryAfter: retryAfter),
            ModelFailureKind.InvalidResponse => new RoleplayException(ProblemKind.BadGateway, "The model answered something unusable.",
                $"The model provider's answer could not be used.{requestId}", code: failure.Code),
            _ => new RoleplayException(ProblemKind.BadGateway, "The model is unavailable.",
                $"The model provider failed to answer.{requestId}", code: failure.Code),
        };
    }
}
