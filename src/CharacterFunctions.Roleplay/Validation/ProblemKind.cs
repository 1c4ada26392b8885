namespace CharacterFunctions.Roleplay.Validation;

/// <summary>Failure categories of core operations; the HTTP layer maps each to one status code.</summary>
public enum ProblemKind
{
    /// <summary>400: the request is malformed or invalid.</summary>
    Validation,
    /// <summary>401: no or bad credentials.</summary>
    Unauthorized,
    /// <summary>403: credentials for something else.</summary>
    Forbidden,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>409: conflicts with the current state (concurrent turn, in-flight idempotency key).</summary>
    Conflict,
    /// <summary>410: the session has ended.</summary>
    Gone,
    /// <summary>412: If-Match did not match.</summary>
    PreconditionFailed,
    /// <summary>413: body too large.</summary>
    PayloadTooLarge,
    /// <summary>415: a body that is declared as something other than JSON.</summary>
    UnsupportedMediaType,
    /// <summary>422: idempotency key reused with another body, or the model rejected the input.</summary>
    Unprocessable,
    /// <summary>502: the model failed or answered nonsense.</summary>
    BadGateway,
    /// <summary>503: the model is rate limited or out of quota; see Retry-After.</summary>
    Unavailable,
    /// <summary>504: the model timed out.</summary>
    GatewayTimeout,
}
