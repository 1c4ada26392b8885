namespace CharacterFunctions.Client.Models;

/// <summary>A transcript page; <see cref="LastSeq"/> is the <c>after</c> of the next page.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Messages, long LastSeq);
