using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>
/// Bound from section <c>Sessions</c>: the idle policy of sessions created without an <c>idle</c>
/// object (<c>Sessions__DefaultIdle__AfterSeconds</c>, <c>Sessions__DefaultIdle__MaxNudges</c>).
/// Off unless configured, so a session only nudges when someone asked for it.
/// </summary>
public sealed class SessionDefaults
{
    public const string SectionName = "Sessions";

    public IdlePolicy DefaultIdle { get; set; } = IdlePolicy.Off;
}
