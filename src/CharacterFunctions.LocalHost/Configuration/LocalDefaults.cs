using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.LocalHost.Configuration;

/// <summary>
/// Zero-setup defaults: what the local host uses when a setting is not configured. Each default is
/// logged at start-up so nobody mistakes a development key for a real one.
/// </summary>
internal static class LocalDefaults
{
    public const string Url = "http://localhost:7071";

    /// <summary>Documented development operator key (README, .http file). Never use it outside a dev machine.</summary>
    public const string OperatorKey = "local-dev-operator-key";

    public const string DatabaseFile = "characterfunctions.db";

    public static string ConnectionString(string workingDirectory) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(workingDirectory, DatabaseFile) }.ToString();

    /// <summary>
    /// A signing secret persisted beside the database so tokens survive restarts: read if present,
    /// otherwise generated (256 random bits) and written with owner-only permissions where supported.
    /// </summary>
    public static string LoadOrCreateTokenSecret(string connectionString)
    {
        var path = TokenSecretPath(connectionString);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }

    public static string TokenSecretPath(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var database = string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? Path.Combine(Directory.GetCurrentDirectory(), DatabaseFile)
            : Path.GetFullPath(dataSource);
        return database + ".token-secret";
    }
}
