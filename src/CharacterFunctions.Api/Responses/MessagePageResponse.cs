namespace CharacterFunctions.Api.Responses;

/// <summary>A transcript page; <see cref="LastSeq"/> is the <c>after</c> value for the next call.</summary>
public sealed record MessagePageResponse(IReadOnlyList<MessageResponse> Messages, long LastSeq);
