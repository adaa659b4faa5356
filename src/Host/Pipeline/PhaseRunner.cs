using Gateway.Host.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Runs one phase over the request's chain, highest priority first, with Kong's failure rules: an access error
/// becomes a 500, a filter error ends the response, a log error is logged and swallowed.
/// </summary>
internal static class PhaseRunner
{
    public static async ValueTask AccessAsync(RequestContext context, ILogger logger)
    {
        context.Phase = RequestPhase.Access;
        // Chain.Access is read again each turn: an auth plugin that identifies a consumer may swap in the chain with
        // that consumer's instances; the plugins up to it are the same in both, so the index stays right.
        for (var i = 0; i < context.Chain.Access.Length; i++)
        {
            var plugin = context.Chain.Access[i];
            context.Position(plugin);
            try
            {
                await plugin.Access!.AccessAsync(context);
            }
            catch (Exception ex) when (context.BodyFault is { } fault && fault != ClientBodyFault.TooLarge)
            {
                // The client broke or abandoned its body while the plugin read it: its fault, not the plugin's, and
                // the same answer a plain route gives (RequestOutcome.ClientFault); the error log is for real failures.
                context.Conclude(RequestOutcome.ClientFault(fault, ex));
                return;
            }
            catch (Exception ex) when (ex is BadHttpRequestException || (context.HttpContext.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException))
            {
                // The same rule for a body read that did not go through the watched stream.
                context.Conclude(RequestOutcome.ClientFault(ClientBodyFault.From(ex, context.HttpContext.RequestAborted.IsCancellationRequested), ex));
                return;
            }
            catch (Exception ex)
            {
                Log.PluginFailed(logger, plugin.Plugin.Name, "access", context.RequestId, ex);
                context.Conclude(RequestOutcome.Unexpected(ex));
                return;
            }

            // kong.response.exit in access: later access handlers are skipped, the other phases still run.
            if (context.Outcome is not null)
            {
                return;
            }
        }
    }

    /// <returns>False when a plugin threw; the caller ends the response.</returns>
    public static async ValueTask<bool> HeaderFilterAsync(RequestContext context, ILogger logger)
    {
        context.Phase = RequestPhase.HeaderFilter;
        foreach (var plugin in context.Chain.HeaderFilter)
        {
            context.Position(plugin);
            try
            {
                await plugin.HeaderFilter!.HeaderFilterAsync(context);
            }
            catch (Exception ex)
            {
                Log.PluginFailed(logger, plugin.Plugin.Name, "header_filter", context.RequestId, ex);
                return false;
            }
        }

        // Every response the client gets passes here after its last header change, proxied or generated.
        if (context.Chain.HeaderFilter.Length > 0 && HeaderSafety.FindUnsafe(context.HttpContext.Response.Headers) is { } unsafeHeader)
        {
            Log.UnsafeHeader(logger, context.RequestId, "response", unsafeHeader, "set by a header_filter plugin", 500);
            return false;
        }

        return true;
    }

    /// <returns>False when a plugin threw; the caller ends the response.</returns>
    public static bool BodyFilter(RequestContext context, ILogger logger)
    {
        context.Phase = RequestPhase.BodyFilter;
        var chain = context.Chain.BodyFilter;
        for (var i = 0; i < chain.Length; i++)
        {
            var plugin = chain[i];
            context.Position(plugin);
            try
            {
                plugin.BodyFilter!.BodyFilter(context, context.Chunk);
            }
            catch (Exception ex)
            {
                Log.PluginFailed(logger, plugin.Plugin.Name, "body_filter", context.RequestId, ex);
                return false;
            }
        }

        return true;
    }

    public static async ValueTask LogAsync(RequestContext context, ILogger logger)
    {
        context.Phase = RequestPhase.Log;
        foreach (var plugin in context.Chain.Log)
        {
            context.Position(plugin);
            try
            {
                await plugin.Log!.LogAsync(context);
            }
            catch (Exception ex)
            {
                Log.PluginFailed(logger, plugin.Plugin.Name, "log", context.RequestId, ex);
            }
        }
    }
}
