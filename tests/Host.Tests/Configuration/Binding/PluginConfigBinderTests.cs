using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Gateway.Host.Configuration.Binding;

namespace Gateway.Host.Tests.Configuration.Binding;

public sealed class PluginConfigBinderTests
{
    public sealed record SampleConfig : IValidatableObject
    {
        [Required]
        public string? Path { get; init; }

        public int Retries { get; init; } = 3;

        [Range(1, 10)]
        public int MinLen { get; init; } = 1;

        public Mode Mode { get; init; } = Mode.Allow;

        public NestedConfig Nested { get; init; } = new();

        public IReadOnlyList<string> Tags { get; init; } = [];

        public IReadOnlyDictionary<string, int> Limits { get; init; } = new Dictionary<string, int>();

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Retries > 10)
            {
                yield return new ValidationResult("must be at most 10", ["retries"]);
            }
        }
    }

    public sealed record NestedConfig
    {
        [Range(1, 100)]
        public int Level { get; init; } = 1;

        public bool Flag { get; init; }
    }

    public enum Mode
    {
        Allow,
        DenyAll,
    }

    private static (object? Bound, List<string> Errors) Bind(string json)
    {
        var errors = new List<string>();
        var bound = PluginConfigBinder.Bind(typeof(SampleConfig), JsonNode.Parse(json)!.AsObject(), "kong.yaml: plugins[0] (sample)", errors);
        return (bound, errors);
    }

    [Fact]
    public void Bind_ValidSnakeCaseConfig_AppliesValuesAndKeepsDefaults()
    {
        var (bound, errors) = Bind("""{"path":"/tmp/x","mode":"deny_all","nested":{"flag":true},"tags":["a"],"limits":{"x":2}}""");

        Assert.Empty(errors);
        var config = Assert.IsType<SampleConfig>(bound);
        Assert.Equal("/tmp/x", config.Path);
        Assert.Equal(3, config.Retries);
        Assert.Equal(Mode.DenyAll, config.Mode);
        Assert.True(config.Nested.Flag);
        Assert.Equal(1, config.Nested.Level);
        Assert.Equal(["a"], config.Tags);
        Assert.Equal(2, config.Limits["x"]);
    }

    [Fact]
    public void Bind_UnknownFieldsAndWrongTypes_ReportsEveryProblemWithFileEntityAndField()
    {
        var (bound, errors) = Bind("""{"path":5,"retries":"3","nested":{"levle":2,"flag":"yes"},"mode":"maybe","tags":"a","extra":1}""");

        Assert.Null(bound);
        Assert.Equal(
            [
                "kong.yaml: plugins[0] (sample): config.path: expected a string, got number 5",
                "kong.yaml: plugins[0] (sample): config.retries: expected an integer, got string \"3\"",
                "kong.yaml: plugins[0] (sample): config.nested.levle: unknown field",
                "kong.yaml: plugins[0] (sample): config.nested.flag: expected a boolean, got string \"yes\"",
                "kong.yaml: plugins[0] (sample): config.mode: expected one of allow, deny_all, got string \"maybe\"",
                "kong.yaml: plugins[0] (sample): config.tags: expected an array",
                "kong.yaml: plugins[0] (sample): config.extra: unknown field",
            ],
            errors);
    }

    [Fact]
    public void Bind_AnnotationAndCrossFieldRulesFail_ReportsThemWithSnakeCasePaths()
    {
        var (bound, errors) = Bind("""{"retries":11,"nested":{"level":0}}""");

        Assert.Null(bound);
        Assert.Contains("kong.yaml: plugins[0] (sample): config.path: The path field is required.", errors);
        Assert.Contains("kong.yaml: plugins[0] (sample): config.nested.level: The field level must be between 1 and 100.", errors);
        Assert.DoesNotContain(errors, e => e.Contains("retries", StringComparison.Ordinal)); // IValidatableObject runs once attributes pass
    }

    [Fact]
    public void Bind_AnnotationOnAMultiWordField_MessageNamesTheDeckFieldNotTheCSharpProperty()
    {
        var (bound, errors) = Bind("""{"path":"/x","min_len":0}""");

        Assert.Null(bound);
        Assert.Equal(["kong.yaml: plugins[0] (sample): config.min_len: The field min_len must be between 1 and 10."], errors);
    }

    [Fact]
    public void Bind_CrossFieldRuleFails_ReportsIt()
    {
        var (_, errors) = Bind("""{"path":"/x","retries":11}""");

        Assert.Equal(["kong.yaml: plugins[0] (sample): config.retries: must be at most 10"], errors);
    }
}
