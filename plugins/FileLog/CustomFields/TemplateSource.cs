namespace Gateway.Plugins.FileLog.CustomFields;

/// <summary>What one part of a <see cref="FieldTemplate"/> reads.</summary>
internal enum TemplateSource
{
    Literal,
    Header,
    Query,
    Method,
    Path,
    ClientIp,
}
