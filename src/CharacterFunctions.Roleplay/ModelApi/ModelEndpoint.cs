using CharacterFunctions.Roleplay.Models;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Where the OpenAI-compatible Qwen-Character endpoint lives. An explicit <see cref="ModelOptions.BaseUrl"/>
/// wins (proxies, the fake server in tests); otherwise the region picks the documented Model Studio host.
/// </summary>
public static class ModelEndpoint
{
    public const string BeijingBaseUrl = "https://dashscope.aliyuncs.com/compatible-mode/v1";
    public const string InternationalBaseUrl = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1";

    /// <summary>Singapore workspaces have their own host; <c>{0}</c> is the workspace id.</summary>
    public const string SingaporeBaseUrlFormat = "https://{0}.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1";

    private const string ChatCompletionsPath = "chat/completions";

    /// <summary>The base URL (no trailing slash semantics assumed by callers).</summary>
    /// <exception cref="InvalidOperationException">The options cannot name an endpoint.</exception>
    public static Uri ResolveBaseUrl(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryResolveBaseUrl(options, out var url, out var error) ? url : throw new InvalidOperationException(error);
    }

    /// <summary><c>{base}/chat/completions</c>, whether or not the base URL ends with a slash.</summary>
    public static Uri ChatCompletionsUrl(ModelOptions options) => ChatCompletionsUrl(ResolveBaseUrl(options));

    /// <inheritdoc cref="ChatCompletionsUrl(ModelOptions)"/>
    public static Uri ChatCompletionsUrl(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        // Relative resolution against "…/v1" (no slash) would drop "v1", so always resolve against "…/v1/".
        var text = baseUrl.AbsoluteUri;
        var withSlash = text.EndsWith('/') ? text : text + "/";
        return new Uri(new Uri(withSlash), ChatCompletionsPath);
    }

    /// <summary>Non-throwing resolution used by options validation; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryResolveBaseUrl(ModelOptions options, out Uri url, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        url = null!;
        error = "";

        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            if (Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out var explicitUrl)
                && (explicitUrl.Scheme == Uri.UriSchemeHttps || explicitUrl.Scheme == Uri.UriSchemeHttp))
            {
                url = explicitUrl;
                return true;
            }

            error = "Model:BaseUrl must be an absolute http or https URL.";
            return false;
        }

        switch (options.Region)
        {
            case ModelRegion.Beijing:
                url = new Uri(BeijingBaseUrl);
                return true;
            case ModelRegion.International:
                url = new Uri(InternationalBaseUrl);
                return true;
            case ModelRegion.Singapore:
                var workspace = options.WorkspaceId?.Trim();
                if (string.IsNullOrEmpty(workspace))
                {
                    error = "Model:WorkspaceId is required for the Singapore region (or set Model:BaseUrl).";
                    return false;
                }

                // The workspace id becomes a host label, so only letters, digits and hyphens are allowed.
                if (Uri.CheckHostName(workspace) != UriHostNameType.Dns || workspace.Contains('.'))
                {
                    error = "Model:WorkspaceId must be a single host name label (letters, digits, hyphens).";
                    return false;
                }

                url = new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, SingaporeBaseUrlFormat, workspace));
                return true;
            default:
                error = $"Model:Region '{options.Region}' is not known.";
                return false;
        }
    }
}
