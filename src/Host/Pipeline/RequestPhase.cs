namespace Gateway.Host.Pipeline;

/// <summary>Which phase the request is in; some context operations are legal in one phase only.</summary>
internal enum RequestPhase
{
    Access,
    HeaderFilter,
    BodyFilter,
    Log,
}
