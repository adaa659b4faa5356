namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// One value inside a decK template: Go's text/template is typed, so <c>toInt</c> yields an int that prints as a
/// YAML number. <see cref="Origin"/> names where the value came from for errors, which never quote the value.
/// </summary>
internal sealed record DeckTemplateValue(object Value, string Origin)
{
    public string TypeName => Value switch
    {
        string => "string",
        long => "int",
        bool => "bool",
        double => "float64",
        _ => Value.GetType().Name,
    };
}
