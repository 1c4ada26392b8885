namespace CharacterFunctions.Client.Models;

/// <summary>
/// A transcript message. <see cref="Role"/> and <see cref="Kind"/> are strings (see <see cref="MessageKinds"/>),
/// not enums, so a client built today still reads a kind the server adds tomorrow.
/// </summary>
public sealed record Message(
    long Seq,
    string Role,
    string? Speaker,
    string? SpeakerId,
    string Text,
    string Kind,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Alternatives = null,
    int? Selected = null,
    TokenUsage? Usage = null,
    string? FinishReason = null,
    string? Speech = null,
    IReadOnlyList<string>? Actions = null);
