namespace CharacterFunctions.Client.Models;

/// <summary>An RFC 9457 problem as the server sends it; <see cref="Errors"/> for validation, <see cref="Code"/> for model rejections.</summary>
public sealed record ProblemDetails(
    string? Type,
    string? Title,
    int Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? Code = null);
