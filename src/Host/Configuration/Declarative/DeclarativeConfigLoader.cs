namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Loads Kong decK files (<c>_format_version: "3.0"</c>). Several files behave like several
/// <c>deck gateway apply</c> runs in order. Every error from every file is returned together, so an operator
/// fixes a config in one pass instead of one error per restart.
/// </summary>
internal static class DeclarativeConfigLoader
{
    public static ConfigLoadResult Load(IReadOnlyList<ConfigSource> sources, Func<string, string?> getEnvironmentVariable)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        if (sources.Count == 0)
            errors.Add("no declarative config file was given");

        var state = new ConfigState();
        foreach (var source in sources)
        {
            var text = DeckEnvSubstitution.Apply(source.Name, source.Text, getEnvironmentVariable, errors);
            var root = DocumentParser.Parse(source.Name, text, errors, warnings);
            if (root is null)
                continue;
            // Applied even when the file had field errors: reference and duplicate checks still find more.
            state.Apply(FileReader.Read(source.Name, root, errors, warnings), errors);
        }

        var config = state.ToConfig(errors);
        return errors.Count == 0
            ? new ConfigLoadResult(config, [], warnings)
            : new ConfigLoadResult(null, errors, warnings);
    }
}
