using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client;

/// <summary>
/// The server refused or failed a call: the RFC 9457 problem it sent (or, when a proxy answered
/// without one, a problem made from the status). <see cref="Errors"/> names each invalid field.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(ProblemDetails problem, TimeSpan? retryAfter = null)
        : base($"{problem.Status} {problem.Title}: {problem.Detail}")
    {
        Problem = problem;
        RetryAfter = retryAfter;
    }

    public ProblemDetails Problem { get; }

    /// <summary>The problem type URI.</summary>
    public string? Type => Problem.Type;
    public string? Title => Problem.Title;
    public int Status => Problem.Status;
    public string? Detail => Problem.Detail;

    /// <summary>Validation failures keyed by field (400); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Problem.Errors ?? EmptyErrors;

    /// <summary>The model provider's error code when it rejected the input (422), e.g. <c>data_inspection_failed</c>.</summary>
    public string? Code => Problem.Code;

    /// <summary>The server's Retry-After, when it sent one (503, 409 in progress).</summary>
    public TimeSpan? RetryAfter { get; }

    private static readonly IReadOnlyDictionary<string, string[]> EmptyErrors = new Dictionary<string, string[]>();
}
