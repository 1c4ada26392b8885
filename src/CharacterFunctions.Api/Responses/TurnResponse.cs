using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Turns;

namespace CharacterFunctions.Api.Responses;

/// <summary>Result of a turn (JSON body, or the data of the SSE <c>done</c> event).</summary>
public sealed record TurnResponse(string TurnId, IReadOnlyList<MessageResponse> Messages, TokenUsage Usage)
{
    public static TurnResponse From(TurnResult result) =>
        new(result.TurnId, MessageResponse.From(result.Messages), result.Usage);
}
