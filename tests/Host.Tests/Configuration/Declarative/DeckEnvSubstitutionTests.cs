using Gateway.Host.Configuration.Declarative;

namespace Gateway.Host.Tests.Configuration.Declarative;

public sealed class DeckEnvSubstitutionTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["DECK_PORT"] = "8080",
        ["DECK_FLAG"] = "True",
        ["DECK_RATIO"] = "0.25",
        ["DECK_WORD"] = "not-a-number-secret",
        ["DECK_EMPTY"] = "",
        ["DECK_LINES"] = "a: 1\nb: 2",
    };

    private static (string Text, List<string> Errors) Apply(string text)
    {
        var errors = new List<string>();
        var result = DeckEnvSubstitution.Apply("f.yaml", text, name => Variables.GetValueOrDefault(name), errors);
        return (result, errors);
    }

    [Theory]
    [InlineData("port: ${{ env \"DECK_PORT\" | toInt }}", "port: 8080")]
    [InlineData("port: ${{ toInt (env \"DECK_PORT\") }}", "port: 8080")]
    [InlineData("on: ${{ env \"DECK_FLAG\" | toBool }}", "on: true")]
    [InlineData("r: ${{ env \"DECK_RATIO\" | toFloat }}", "r: 0.25")]
    [InlineData("r: ${{ env \"DECK_PORT\" | toFloat }}", "r: 8080")]
    [InlineData("x: ${{env \"DECK_PORT\"}}-${{ env \"DECK_PORT\" }}", "x: 8080-8080")]
    [InlineData("m:\n  ${{ env \"DECK_LINES\" | indent 2 }}", "m:\n  a: 1\n  b: 2")]
    [InlineData("s: ${{ \"literal\" }}", "s: literal")]
    public void Apply_DeckFunctions_RenderAsDeckDoes(string template, string expected)
    {
        var (text, errors) = Apply(template);

        Assert.Empty(errors);
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("# key: ${{ env \"DECK_UNSET\" }}\n")]
    [InlineData("    # key: ${{ nonsense here }}\n")]
    public void Apply_TemplateInCommentedOutLine_IsLeftAlone(string line)
    {
        var (text, errors) = Apply("a: 1\n" + line);

        Assert.Empty(errors);
        Assert.Equal("a: 1\n" + line, text);
    }

    [Theory]
    [InlineData("k: ${{ upper \"x\" }}", "f.yaml:2: template '${{ upper \"x\" }}' is not understood: unknown function 'upper'")]
    [InlineData("k: ${{ .Values.x }}", "f.yaml:2: template '${{ .Values.x }}' is not understood")]
    [InlineData("k: ${{- env \"DECK_PORT\" }}", "f.yaml:2: template '${{- env \"DECK_PORT\" }}' is not understood")]
    [InlineData("k: ${{ env \"DECK_PORT\"", "f.yaml:2: template '${{ env \"DECK_PORT\"' has no closing }}")]
    [InlineData("k: ${{ env }}", "f.yaml:2: env takes 1 argument, got 0")]
    [InlineData("k: ${{ env \"DECK_PORT\" | toInt | toInt }}", "f.yaml:2: toInt: argument 1 must be a string, got int")]
    public void Apply_TemplateNotUnderstood_IsAnErrorWithFileAndLine(string line, string expected)
    {
        var (_, errors) = Apply("a: 1\n" + line);

        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("toInt", "an integer")]
    [InlineData("toBool", "a boolean")]
    [InlineData("toFloat", "a number")]
    public void Apply_ConversionFails_NamesVariableButNotItsValue(string function, string expected)
    {
        var (_, errors) = Apply($"k: ${{{{ env \"DECK_WORD\" | {function} }}}}");

        var error = Assert.Single(errors);
        Assert.Equal($"f.yaml:1: {function}: environment variable 'DECK_WORD' is not {expected}", error);
        Assert.DoesNotContain(Variables["DECK_WORD"], error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_EmptyVariable_SaysItIsEmpty()
    {
        var (_, errors) = Apply("k: ${{ env \"DECK_EMPTY\" }}");

        Assert.Equal("f.yaml:1: environment variable 'DECK_EMPTY' is set but empty", Assert.Single(errors));
    }

    [Fact]
    public void Load_EmptyApiKeyInTutorial_ReportsTheEmptyVariableOnly()
    {
        var result = DeclarativeConfigLoader.Load(
            [ConfigTestData.File("tutorial-2.yaml")], name => name == "DECK_ANTHROPIC_API_KEY" ? "" : null);

        Assert.Equal("tutorial-2.yaml:10: environment variable 'DECK_ANTHROPIC_API_KEY' is set but empty", Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789.0, "123456789")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1.5e300, "1.5e+300")]
    public void GoFloatFormat_PrintsLikeGoPercentV(double value, string expected) =>
        Assert.Equal(expected, GoFloatFormat.Format(value));
}
