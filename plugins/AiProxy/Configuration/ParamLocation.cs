namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Kong's <c>auth.param_location</c>. Bound only so that validation can reject parameter auth by name.</summary>
internal enum ParamLocation
{
    Query,
    Body,
}
