using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

/// <summary>Test inputs: the Kong tutorial files copied to the output folder, and an env lookup.</summary>
internal static class ConfigTestData
{
    public const string ApiKey = "sk-ant-test-secret";

    public static ConfigSource File(string name) =>
        new(name, System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Configuration", "Declarative", "TestData", name)));

    public static string? Env(string name) => name == "DECK_ANTHROPIC_API_KEY" ? ApiKey : null;

    public static ConfigLoadResult Load(params string[] yamlTexts) =>
        DeclarativeConfigLoader.Load(yamlTexts.Select((t, i) => new ConfigSource($"file{i + 1}.yaml", t)).ToList(), Env);
}
