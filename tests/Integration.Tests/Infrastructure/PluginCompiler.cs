using System.Reflection;
using Gateway.Plugins;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>Compiles small plugin assemblies with Roslyn, for the loader's failure cases that a normal
/// project cannot express (a plugin built against another contract version, a library without plugins).</summary>
internal static class PluginCompiler
{
    private static readonly MetadataReference[] Framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p).StartsWith("Microsoft", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
        .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToArray();

    public static MetadataReference HostContract { get; } = MetadataReference.CreateFromFile(typeof(IGatewayPlugin).Assembly.Location);

    public static string Compile(string folder, string assemblyName, string source, MetadataReference? contract = null)
    {
        Directory.CreateDirectory(folder);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            [.. Framework, contract ?? HostContract],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(folder, assemblyName + ".dll");
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return path;
    }

    /// <summary>A stand-in for another contract version: same assembly name and plugin interface, another
    /// assembly version (<c>major.minor.0.0</c>, the contract's rule).</summary>
    public static MetadataReference ContractVersion(string folder, int major, int minor = 0)
    {
        var path = Compile(folder, typeof(IGatewayPlugin).Assembly.GetName().Name!, $$"""
            [assembly: System.Reflection.AssemblyVersion("{{major}}.{{minor}}.0.0")]
            namespace Gateway.Plugins;
            public interface IGatewayPlugin { string Name { get; } int Priority { get; } string Version { get; } System.Type ConfigType { get; } }
            """, MetadataReference.CreateFromFile(typeof(object).Assembly.Location));
        return MetadataReference.CreateFromFile(path);
    }

    public static string PluginSource(string className, string name) => $$"""
        using Gateway.Plugins;
        internal sealed class {{className}} : IGatewayPlugin
        {
            public string Name => "{{name}}";
            public int Priority => 10;
            public string Version => "1.0.0";
            public System.Type ConfigType => typeof(Cfg);
        }
        internal sealed record Cfg;
        """;

    /// <summary>The host's contract version as the plugin list shows it, <c>major.minor</c>.</summary>
    public static string HostContractVersion => $"{Contract.GetName().Version!.Major}.{Contract.GetName().Version!.Minor}";

    public static Assembly Contract => typeof(IGatewayPlugin).Assembly;
}
