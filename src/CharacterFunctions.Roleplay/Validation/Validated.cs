namespace CharacterFunctions.Roleplay.Validation;

/// <summary>Either a valid value or the reasons it is not.</summary>
public readonly record struct Validated<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;

    public static Validated<T> Ok(T value) => new(value, new Dictionary<string, string[]>());
    public static Validated<T> Fail(ValidationErrors errors) => new(null, errors.ToDictionary());
}
