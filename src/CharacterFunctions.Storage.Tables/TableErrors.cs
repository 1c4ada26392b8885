using Azure;

namespace CharacterFunctions.Storage.Tables;

internal static class TableErrors
{
    public const int NotFound = 404;
    public const int Conflict = 409;
    public const int PreconditionFailed = 412;

    /// <summary>Another writer won: the row already exists or its ETag moved.</summary>
    public static bool IsLostRace(RequestFailedException e) => e.Status is Conflict or PreconditionFailed;
}
