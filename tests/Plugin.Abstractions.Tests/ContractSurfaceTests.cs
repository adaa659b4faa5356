using System.Reflection;

namespace Gateway.Plugins.Tests;

/// <summary>What the host alone may do stays off the public surface (PublicAPI.Shipped.txt tracks the rest).</summary>
public sealed class ContractSurfaceTests
{
    private static readonly Assembly Contract = typeof(IGatewayPlugin).Assembly;

    [Fact]
    public void BodyChunk_NoPublicConstructorOrReset_OnlyTheHostCreatesAndLoadsChunks()
    {
        Assert.Empty(typeof(BodyChunk).GetConstructors());
        Assert.Null(typeof(BodyChunk).GetMethod("Reset", BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void Seal_OnInstanceAndTarget_IsNotPublic()
    {
        Assert.Null(typeof(PluginInstance).GetMethod("Seal", BindingFlags.Public | BindingFlags.Instance));
        Assert.Null(typeof(UpstreamTarget).GetMethod("Seal", BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void PublicSurface_NoRawStopwatchTimestamps()
    {
        var timestamps = Contract.GetExportedTypes()
            .SelectMany(t => t.GetProperties())
            .Where(p => p.PropertyType == typeof(long) && p.Name.Contains("Timestamp", StringComparison.Ordinal))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        Assert.Empty(timestamps);
    }

    [Fact]
    public void XmlDocs_NoPublicMemberDocumentedAsHostOnly()
    {
        var xml = Path.ChangeExtension(Contract.Location, ".xml");
        Assert.True(File.Exists(xml), xml);

        Assert.DoesNotContain("host only", File.ReadAllText(xml), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AssemblyVersion_IsMajorMinorOnly()
    {
        var version = Contract.GetName().Version!;

        Assert.Equal((0, 0), (version.Build, version.Revision));
    }
}
