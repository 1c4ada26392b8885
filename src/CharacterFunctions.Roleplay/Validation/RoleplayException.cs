namespace CharacterFunctions.Roleplay.Validation;

/// <summary>
/// A failure the client should see as problem+json. Thrown by core services, rendered by the hosts;
/// <see cref="Detail"/> never contains chat text, prompts or keys.
/// </summary>
public sealed class RoleplayException(
    ProblemKind kind,
    string title,
    string detail,
    IReadOnlyDictionary<string, string[]>? errors = null,
    string? code = null,
    TimeSpan? retryAfter = null) : Exception(detail)
{
    public ProblemKind Kind { get; } = kind;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>Provider error code (e.g. data_inspection_failed) when the model rejected the input.</summary>
    public string? Code { get; } = code;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static RoleplayException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemKind.Validation, "One or more fields are invalid.", "See errors for each field.", errors);

    public static RoleplayException Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static RoleplayException NotFound(string what) =>
        new(ProblemKind.NotFound, "Not found.", $"{what} does not exist.");
}
