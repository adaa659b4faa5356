namespace Gateway.Packaging.Tests.Infrastructure;

/// <summary>
/// Packs Sluice.Plugin.Abstractions and Sluice.Plugin.Testing once per test run, from a clean copy of the
/// repository, into a folder feed: every test of this collection consumes the same packages, as an outside author
/// would from artifacts/packages/.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Feed => Path.Combine(_folder.Path, "feed");

    /// <summary>The package versions the repository pins, for the consumer projects (which have no central
    /// version file of their own).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; } = CentralVersions.Read();

    /// <summary>The outside author's folder: the plugin project and its test project (<see cref="ThirdPartyPlugin"/>).</summary>
    public string Author => Path.Combine(_folder.Path, "author");

    public async Task InitializeAsync()
    {
        ThirdPartyPlugin.Write(Author, Feed, Versions);
        var repo = await RepoCopy.CreateAsync(Path.Combine(_folder.Path, "repo"));
        foreach (var project in new[] { "src/Plugin.Abstractions", "src/Plugin.Testing" })
        {
            (await Dotnet.RunAsync(repo, null, "pack", project, "-c", "Release", "-o", Feed)).ShouldSucceed($"dotnet pack {project}");
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
