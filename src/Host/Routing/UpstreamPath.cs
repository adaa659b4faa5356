namespace Gateway.Host.Routing;

/// <summary>
/// The upstream path as Kong builds it with <c>path_handling: v0</c> (kong/router/utils.lua
/// <c>get_upstream_uri_v0</c>). The query string is not part of it; the caller appends the original one.
/// </summary>
internal static class UpstreamPath
{
    /// <param name="servicePath">The service path; null means <c>/</c>.</param>
    /// <param name="prefix">The matched path text when the route strips it, else <c>/</c>.</param>
    public static string Build(string? servicePath, bool stripPath, string prefix, string normalizedRequestPath)
    {
        var basePath = string.IsNullOrEmpty(servicePath) ? "/" : servicePath;
        var req = normalizedRequestPath;

        if (basePath[^1] == '/')
        {
            if (!stripPath)
                return basePath + req[1..];
            var postfix = Postfix(prefix, req);
            if (postfix.Length == 0)
                return basePath == "/" || req[^1] == '/' ? basePath : basePath[..^1];
            // Both sides have a slash: keep one.
            return postfix[0] == '/' ? basePath[..^1] + postfix : basePath + postfix;
        }

        if (!stripPath)
            return req == "/" ? basePath : basePath + req;
        var rest = Postfix(prefix, req);
        if (rest.Length == 0)
            return req.Length > 1 && req[^1] == '/' ? basePath + "/" : basePath;
        return rest[0] == '/' ? basePath + rest : basePath + "/" + rest;
    }

    // Kong cuts by the prefix's length, then drops a leading "./" or "../" so stripping cannot climb
    // above the service path (sanitize_uri_postfix).
    private static string Postfix(string prefix, string req)
    {
        var postfix = prefix.Length <= req.Length ? req[prefix.Length..] : "";
        if (postfix is "." or "..")
            return "";
        if (postfix.StartsWith("./", StringComparison.Ordinal))
            return postfix[2..];
        if (postfix.StartsWith("../", StringComparison.Ordinal))
            return postfix[3..];
        return postfix;
    }
}
