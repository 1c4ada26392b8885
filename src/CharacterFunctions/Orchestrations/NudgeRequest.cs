namespace CharacterFunctions.Functions.Orchestrations;

/// <summary>Input of <see cref="NudgeOrchestration"/>: speak again if the transcript still ends at <paramref name="BasedOnSeq"/>.</summary>
public sealed record NudgeRequest(string SessionId, long BasedOnSeq, long Generation);
