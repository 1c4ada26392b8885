namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>Continuous response: speak again after <see cref="AfterSeconds"/> of silence, at most <see cref="MaxNudges"/> times in a row.</summary>
public sealed record IdlePolicy(int AfterSeconds, int MaxNudges)
{
    public static readonly IdlePolicy Off = new(0, 0);

    public bool Enabled => AfterSeconds > 0 && MaxNudges > 0;
}
