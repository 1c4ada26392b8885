namespace CharacterFunctions.Playground.Tests.Infrastructure;

/// <summary>
/// Where the system Chromium is (Debian's <c>chromium</c> package; build.sh installs it). Playwright's own
/// browser download is never used. Missing Chromium fails the tests loudly instead of skipping them.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "PLAYGROUND_CHROMIUM";

    // The real binary first: the /usr/bin wrapper script prints a harmless shell warning.
    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string ExecutablePath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{PathVariable}={configured} does not exist.");
        }
        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Chromium is not installed (looked for " + string.Join(", ", Candidates) + "). " +
                $"Install Debian's package (`apt-get install -y chromium`; ./build.sh test does this) or set {PathVariable}.");
    }
}
