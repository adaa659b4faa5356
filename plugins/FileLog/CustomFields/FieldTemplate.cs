using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.FileLog.CustomFields;

/// <summary>A parsed <c>custom_fields</c> template, rendered once per request from the request data.</summary>
internal sealed class FieldTemplate(TemplatePart[] parts)
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public IReadOnlyList<TemplatePart> Parts => parts;

    /// <summary>Renders the template; a missing header or query parameter renders as empty text.</summary>
    public string Render(PluginContext context)
    {
        var httpContext = context.HttpContext;
        // The common case, one bare variable, returns the request's own string without copying it.
        if (parts.Length == 1)
        {
            return Resolve(parts[0], context, httpContext);
        }

        var builder = t_builder ??= new StringBuilder();
        builder.Clear();
        foreach (var part in parts)
        {
            builder.Append(Resolve(part, context, httpContext));
        }

        return builder.ToString();
    }

    private static string Resolve(TemplatePart part, PluginContext context, HttpContext httpContext)
    {
        var request = httpContext.Request;
        return part.Source switch
        {
            TemplateSource.Literal => part.Text,
            // Whatever the host or another plugin (ai-proxy's injected key) marked secret stays secret here too.
            TemplateSource.Header => context.IsRequestHeaderRedacted(part.Text) ? "REDACTED" : request.Headers[part.Text].ToString(),
            TemplateSource.Query => context.IsQueryArgumentRedacted(part.Text) ? "REDACTED" : request.Query[part.Text].ToString(),
            TemplateSource.Method => request.Method,
            TemplateSource.Path => request.PathBase.HasValue
                ? request.PathBase.Value + request.Path.Value
                : request.Path.Value ?? "/",
            TemplateSource.ClientIp => httpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            _ => string.Empty,
        };
    }
}
