namespace Gateway.Host.Configuration.Declarative;

/// <summary>A mapping key repeated in one YAML mapping; the later value wins, as in Kong's lyaml and decK.</summary>
internal sealed record YamlDuplicateKey(string Key, long Line);
