namespace CharacterFunctions.Roleplay.Storage;

/// <summary>A conditional write lost: someone else changed the record (or took the seq) first.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);
