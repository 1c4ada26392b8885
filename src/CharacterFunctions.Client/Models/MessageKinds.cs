namespace CharacterFunctions.Client.Models;

/// <summary>The <see cref="Message.Kind"/> values of the contract.</summary>
public static class MessageKinds
{
    public const string Opening = "opening";
    public const string User = "user";
    public const string Reply = "reply";
    public const string Nudge = "nudge";
    public const string Event = "event";
    public const string Reaction = "reaction";
}
