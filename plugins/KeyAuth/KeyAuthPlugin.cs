using Gateway.Plugins.KeyAuth.Configuration;
using Gateway.Plugins.KeyAuth.Request;
using Gateway.Plugins.KeyAuth.Response;

namespace Gateway.Plugins.KeyAuth;

/// <summary>
/// Kong's key-auth: identifies the consumer by a key sent in a header, query argument or body field, and refuses
/// the request (401) when there is none or it is unknown, unless <c>anonymous</c> names a consumer to use instead.
/// Keys are looked up in constant time through the host's <see cref="ConsumerDirectory"/> and never logged.
/// </summary>
internal sealed class KeyAuthPlugin : IGatewayPlugin, IAccessPhase, IHeaderFilterPhase
{
    public string Name => "key-auth";

    public int Priority => 1250;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(KeyAuthConfig);

    public async ValueTask AccessAsync(PluginContext context)
    {
        var config = context.GetConfig<KeyAuthConfig>();
        if (!config.RunOnPreflight && Microsoft.AspNetCore.Http.HttpMethods.IsOptions(context.HttpContext.Request.Method))
        {
            return;
        }

        // With anonymous, auth plugins are alternatives (Kong's logical OR): another one already identified the caller.
        if (config.Anonymous is not null && context.CredentialId is not null)
        {
            return;
        }

        var found = await KeyLookup.FindAsync(context, config).ConfigureAwait(false);
        var failure = found switch
        {
            { IsDuplicate: true } => KeyAuthError.Duplicate,
            { Key: null or "" } => KeyAuthError.NoKey,
            _ => null,
        };

        KeyAuthCredential? credential = null;
        if (failure is null)
        {
            credential = context.Consumers.FindByKeyAuth(found.Key);
            failure = credential is null ? KeyAuthError.Unauthorized : null;
        }

        if (credential is not null)
        {
            Identify(context, credential.Consumer, credential.Id);
            return;
        }

        if (config.Anonymous is null)
        {
            context.GetState<KeyAuthState>().Challenged = true;
            context.Exit(401, KeyAuthError.Body(context, 401, failure!));
            return;
        }

        if (context.Consumers.Find(config.Anonymous) is { } anonymous)
        {
            Identify(context, anonymous, credentialId: null);
            return;
        }

        context.Exit(500, KeyAuthError.Body(context, 500, $"anonymous consumer {config.Anonymous} is configured but doesn't exist"));
    }

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        // Kong sends the challenge with every 401 it makes (3.7+); the generated response starts with fresh headers.
        if (context.ResponseSource == ResponseSource.Exit && context.GetState<KeyAuthState>().Challenged)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = KeyAuthError.Challenge(context.GetConfig<KeyAuthConfig>().Realm);
        }

        return ValueTask.CompletedTask;
    }

    private static void Identify(PluginContext context, Consumer consumer, string? credentialId)
    {
        ConsumerHeaders.Set(context.HttpContext.Request.Headers, consumer, credentialId);
        context.Authenticate(consumer, credentialId);
    }
}
