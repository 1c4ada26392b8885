using CharacterFunctions.Roleplay.SessionLifecycle;

namespace CharacterFunctions.Api.Responses;

/// <summary>201 body of POST /api/sessions: the id, one access token per player, and the first messages.</summary>
public sealed record CreateSessionResponse(
    string SessionId,
    IReadOnlyDictionary<string, string> AccessTokens,
    IReadOnlyList<MessageResponse> Messages)
{
    public static CreateSessionResponse From(CreatedSession created) =>
        new(created.SessionId, created.AccessTokens, MessageResponse.From(created.Messages));
}
