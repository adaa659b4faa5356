namespace Gateway.Host.Routing;

/// <summary>How a <c>hosts</c> entry compares: whole name, <c>*.</c> suffix, or <c>.*</c> prefix.</summary>
internal enum HostPatternKind
{
    Exact,
    Suffix,
    Prefix,
}
