using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Gateway.Plugins;

namespace Gateway.Host.Loading;

/// <summary>
/// Reads which plugin contract a plugin assembly was compiled against, from its metadata, before loading it: a
/// plugin built for a contract this gateway does not provide would otherwise fail later with a FileNotFound or a
/// TypeLoadException far from the cause.
/// </summary>
/// <remarks>
/// The contract's assembly version is <c>major.minor.0.0</c> (the package's SemVer without its patch). A gateway
/// runs every plugin built against its own major and an equal or older minor; a newer minor may use members this
/// gateway lacks, and another major may have changed any of them.
/// </remarks>
internal static class ContractVersionCheck
{
    private static readonly AssemblyName Contract = typeof(IGatewayPlugin).Assembly.GetName();

    /// <summary>This gateway's contract version, <c>major.minor</c>.</summary>
    public static string HostVersion => Short(Contract.Version!);

    public static void Verify(PluginCatalogEntry entry)
    {
        Version? referenced;
        try
        {
            referenced = ReferencedContract(entry);
        }
        catch (BadImageFormatException ex)
        {
            // A text file, an ELF binary or a truncated PE: PEReader throws while reading the headers or metadata.
            throw new GatewayStartupException($"plugin '{entry.Name}': {entry.AssemblyPath} is not a .NET assembly ({ex.Message})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GatewayStartupException($"plugin '{entry.Name}': cannot read {entry.AssemblyPath}: {ex.Message}");
        }

        if (referenced is null)
        {
            throw new GatewayStartupException(
                $"plugin '{entry.Name}': {entry.AssemblyPath} does not reference {Contract.Name}, so it has no plugin type");
        }

        if (Incompatibility(entry.Name, referenced, Contract.Version!) is { } problem)
        {
            throw new GatewayStartupException(problem);
        }

        var localCopy = Path.Combine(Path.GetDirectoryName(entry.AssemblyPath)!, Contract.Name + ".dll");
        if (File.Exists(localCopy))
        {
            throw new GatewayStartupException(
                $"plugin '{entry.Name}': its folder carries its own {Contract.Name}.dll ({localCopy}); reference the contract with Private=false and ExcludeAssets=runtime so the host's copy is used");
        }
    }

    /// <summary>The compatibility rule (docs/plugin-authoring.md, "Contract versions"), as the line an operator reads.</summary>
    /// <returns>Null when a plugin compiled against <paramref name="plugin"/> runs on a gateway with <paramref name="host"/>.</returns>
    public static string? Incompatibility(string name, Version plugin, Version host)
    {
        if (plugin.Major > host.Major || (plugin.Major == host.Major && plugin.Minor > host.Minor))
        {
            return $"plugin {name} needs contract {Short(plugin)}, this gateway has {Short(host)}; upgrade the gateway";
        }

        if (plugin.Major < host.Major)
        {
            return $"plugin {name} was built for contract {Short(plugin)}, this gateway has {Short(host)}; " +
                $"rebuild the plugin against contract {host.Major}.x";
        }

        return null;
    }

    /// <summary>How the contract version is shown: <c>major.minor</c>, the part that decides compatibility.</summary>
    public static string Short(Version version) => $"{version.Major}.{version.Minor}";

    private static Version? ReferencedContract(PluginCatalogEntry entry)
    {
        Version? referenced = null;
        using var stream = File.OpenRead(entry.AssemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new GatewayStartupException($"plugin '{entry.Name}': {entry.AssemblyPath} is not a .NET assembly");
        }

        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            if (reader.StringComparer.Equals(reference.Name, Contract.Name!))
            {
                referenced = reference.Version;
            }
        }

        return referenced;
    }
}
