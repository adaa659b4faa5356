namespace Gateway.Sdk.Tests.Infrastructure;

/// <summary>
/// What a plugin author starts from, made once per test run: the three packages (<c>dotnet pack -c Release</c>
/// of the packable projects) in a folder feed and a published gateway folder (<c>dotnet publish src/Host</c>).
/// The work folder mirrors the repository's layout (<c>artifacts/packages/</c>, <c>samples/</c>), so a sample
/// copied there restores through its own unchanged <c>nuget.config</c>.
/// </summary>
public sealed class PluginSdkFixture : IAsyncLifetime
{
    /// <summary>The packable projects; `dotnet pack -c Release` at the root packs the same ones.</summary>
    private static readonly string[] Packable =
    [
        "src/Plugin.Abstractions/Gateway.Plugin.Abstractions.csproj",
        "src/Plugin.Testing/Gateway.Plugin.Testing.csproj",
        "templates/Sluice.Plugin.Templates.csproj",
    ];

    private readonly TempFolder _work = new();

    public string Work => _work.Path;

    /// <summary>The local folder feed with the Sluice packages.</summary>
    public string Feed => Path.Combine(Work, "artifacts", "packages");

    /// <summary>The published gateway: <c>Gateway.Host.dll</c>, <c>plugins.json</c>, <c>plugins/&lt;Folder&gt;/</c>.</summary>
    public string GatewayFolder => Path.Combine(Work, "gateway");

    /// <summary>
    /// The author's environment: a NuGet package cache of its own (kept under .cache/ between runs, minus the
    /// Sluice packages, which are rebuilt each run with the same version and would otherwise be served stale).
    /// </summary>
    public IReadOnlyDictionary<string, string> AuthorEnvironment { get; } = new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(RepoPaths.Root, ".cache", "sdk-tests", "nuget-packages"),
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        ForgetCachedSluicePackages();

        // Outputs go under the work folder, never into the repository's bin/, obj/ or artifacts/, where the Debug
        // build that other test projects are running from (and other Release publishes) live.
        var build = Path.Combine(Work, "build");
        string[] isolated =
        [
            "-c", "Release", "--disable-build-servers", "--artifacts-path", build,
            $"-p:PluginOutRoot={build}/plugins/",
            $"-p:BundledPluginPublishBuild={build}/publish-build/",
            $"-p:BundledPluginPackBuild={build}/pack-build/",
        ];
        var repository = new Dictionary<string, string>();
        foreach (var project in Packable)
        {
            await DotnetCli.RunAsync(RepoPaths.Root, repository, ["pack", project, "-o", Feed, .. isolated]);
        }

        await DotnetCli.RunAsync(RepoPaths.Root, repository, ["publish", "src/Host", "-o", GatewayFolder, .. isolated]);
    }

    public Task DisposeAsync()
    {
        _work.Dispose();
        return Task.CompletedTask;
    }

    private void ForgetCachedSluicePackages()
    {
        var cache = new DirectoryInfo(AuthorEnvironment["NUGET_PACKAGES"]);
        if (!cache.Exists)
        {
            return;
        }

        foreach (var package in cache.EnumerateDirectories("sluice.*"))
        {
            package.Delete(recursive: true);
        }
    }
}

/// <summary>One pack and one publish for every test of the author's path.</summary>
[CollectionDefinition(Name)]
public sealed class PluginSdkCollection : ICollectionFixture<PluginSdkFixture>
{
    public const string Name = "plugin sdk";
}
