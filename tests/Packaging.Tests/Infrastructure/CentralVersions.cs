using System.Xml.Linq;

namespace Gateway.Packaging.Tests.Infrastructure;

/// <summary>The versions pinned in the repository's Directory.Packages.props.</summary>
internal static class CentralVersions
{
    public static IReadOnlyDictionary<string, string> Read() =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
}
