using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Gateway.Plugins;

namespace Gateway.Host.Loading;

/// <summary>
/// Reads which plugin contract a plugin assembly was compiled against, from its metadata, before loading it: a
/// plugin built for another major version would fail later with a TypeLoadException far from the cause.
/// </summary>
internal static class ContractVersionCheck
{
    private static readonly AssemblyName Contract = typeof(IGatewayPlugin).Assembly.GetName();

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

        if (referenced.Major != Contract.Version!.Major)
        {
            throw new GatewayStartupException(
                $"plugin '{entry.Name}' was compiled against plugin contract {referenced.Major}.x ({referenced}), " +
                $"but this gateway provides {Contract.Version.Major}.x ({Contract.Version}); rebuild the plugin against this gateway's {Contract.Name}");
        }

        var localCopy = Path.Combine(Path.GetDirectoryName(entry.AssemblyPath)!, Contract.Name + ".dll");
        if (File.Exists(localCopy))
        {
            throw new GatewayStartupException(
                $"plugin '{entry.Name}': its folder carries its own {Contract.Name}.dll ({localCopy}); reference the contract with Private=false and ExcludeAssets=runtime so the host's copy is used");
        }
    }

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
