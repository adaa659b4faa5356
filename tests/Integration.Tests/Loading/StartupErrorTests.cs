using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Loading;

public sealed class StartupErrorTests : IDisposable
{
    private const string FileLogOnly = """
        _format_version: "3.0"
        plugins:
          - name: file-log
            config: {path: /tmp/gateway-startup-test.json}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int ExitCode, string Stdout, string Stderr)> CheckAsync(IReadOnlyDictionary<string, string> plugins, string config = FileLogOnly)
    {
        var catalog = PluginCatalogFile.Write(_folder.Path, plugins);
        var file = _folder.Write("kong.yaml", config);
        return await HostProcess.RunAsync(["--check", "--plugins", catalog, "--config", file]);
    }

    private static Dictionary<string, string> With(params (string Name, string Path)[] extra)
    {
        var plugins = new Dictionary<string, string> { ["file-log"] = PluginCatalogFile.Standard["file-log"] };
        foreach (var (name, path) in extra)
        {
            plugins[name] = path;
        }

        return plugins;
    }

    private static string OneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return lines[0];
    }

    [Fact]
    public async Task Check_ValidCatalogAndConfig_ExitsZero()
    {
        var (code, stdout, stderr) = await CheckAsync(With());

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration is valid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingAssembly_ExitsOneNamingThePath()
    {
        var missing = Path.Combine(_folder.Path, "nope", "Nope.dll");

        var (code, _, stderr) = await CheckAsync(With(("nope", missing)));

        Assert.Equal(1, code);
        Assert.Contains($"assembly not found: {missing}", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AssemblyWithoutPluginClass_ExitsOne()
    {
        var path = PluginCompiler.Compile(_folder.File("empty"), "EmptyPlugin", "public sealed class NotAPlugin { public Gateway.Plugins.PluginInstance? Instance { get; set; } }");

        var (code, _, stderr) = await CheckAsync(With(("empty", path)));

        Assert.Equal(1, code);
        Assert.Contains("contains no class implementing IGatewayPlugin", OneLine(stderr), StringComparison.Ordinal);
    }

    /// <summary>A plugin compiled against another contract version, refused before it is loaded: by check and by a
    /// serving gateway alike, with one line (not the runtime's FileNotFound and an empty error line).</summary>
    [Theory]
    [InlineData(1, 1, true, "plugin future needs contract 1.1, this gateway has 1.0; upgrade the gateway")]
    [InlineData(1, 1, false, "plugin future needs contract 1.1, this gateway has 1.0; upgrade the gateway")]
    [InlineData(2, 0, true, "plugin future needs contract 2.0, this gateway has 1.0; upgrade the gateway")]
    [InlineData(0, 9, true, "plugin future was built for contract 0.9, this gateway has 1.0; rebuild the plugin against contract 1.x")]
    [InlineData(0, 9, false, "plugin future was built for contract 0.9, this gateway has 1.0; rebuild the plugin against contract 1.x")]
    public async Task Load_PluginBuiltAgainstAnIncompatibleContract_ExitsOneWithOneLineSayingWhatToDo(int major, int minor, bool check, string expected)
    {
        var contract = PluginCompiler.ContractVersion(_folder.File($"contract-{major}.{minor}"), major, minor);
        var path = PluginCompiler.Compile(_folder.File("future"), "FuturePlugin", PluginCompiler.PluginSource("Future", "future"), contract);
        var catalog = PluginCatalogFile.Write(_folder.Path, With(("future", path)));
        var file = _folder.Write("kong.yaml", FileLogOnly);
        string[] mode = check ? ["--check"] : ["--urls", "http://127.0.0.1:0"];

        var (code, _, stderr) = await HostProcess.RunAsync([.. mode, "--plugins", catalog, "--config", file]);

        Assert.Equal(1, code);
        Assert.Equal($"error: {expected}", OneLine(stderr));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    public async Task Load_PluginVersionNotSemVer_ExitsOneWithOneLineNamingThePlugin(string version)
    {
        var source = PluginCompiler.PluginSource("Loose", "loose").Replace("\"1.0.0\"", $"\"{version}\"", StringComparison.Ordinal);
        var path = PluginCompiler.Compile(_folder.File("loose"), "LoosePlugin", source);

        var (code, _, stderr) = await CheckAsync(With(("loose", path)));

        Assert.Equal(1, code);
        Assert.Equal(
            $"error: plugin 'loose' (Loose in {path}) has version '{version}', which is not SemVer 2.0 (major.minor.patch, e.g. 1.0.0 or 2.1.0-beta.1)",
            OneLine(stderr));
    }

    [Fact]
    public async Task Load_PluginVersionWithPrereleaseAndBuild_LoadsAndIsListed()
    {
        var source = PluginCompiler.PluginSource("Pre", "pre").Replace("\"1.0.0\"", "\"2.1.0-beta.1+sha.5114f85\"", StringComparison.Ordinal);
        var path = PluginCompiler.Compile(_folder.File("pre"), "PrePlugin", source);

        var (code, stdout, stderr) = await CheckAsync(With(("pre", path)));

        Assert.True(code == 0, stderr);
        Assert.Contains("Plugin pre 2.1.0-beta.1+sha.5114f85: priority 10", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_PluginBuiltAgainstTheHostsContract_Loads()
    {
        var contract = PluginCompiler.ContractVersion(_folder.File("contract-1.0"), major: 1, minor: 0);
        var path = PluginCompiler.Compile(_folder.File("same"), "SamePlugin", PluginCompiler.PluginSource("Same", "same"), contract);

        var (code, stdout, stderr) = await CheckAsync(With(("same", path)));

        Assert.True(code == 0, stderr);
        Assert.Contains($"Plugin same 1.0.0: priority 10, phases none, assembly {path}, contract 1.0", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_NamesPluginThatCatalogDoesNotLoad_ExitsOne()
    {
        var config = """
            _format_version: "3.0"
            plugins:
              - name: ai-proxy
                config: {}
            """;

        var (code, _, stderr) = await CheckAsync(With(), config);

        Assert.Equal(1, code);
        Assert.Contains("plugin 'ai-proxy' is not loaded", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_SeveralProblems_AllReportedTogether()
    {
        var config = """
            _format_version: "3.0"
            plugins:
              - name: probe-high
                config: {tag: 5, no_such_field: true}
              - name: probe-low
                config: {exit_status: "four hundred"}
            """;
        var plugins = With(("probe-high", RepoPaths.TestPlugin("Probe")), ("probe-low", RepoPaths.TestPlugin("Probe")));

        var (code, _, stderr) = await CheckAsync(plugins, config);

        Assert.Equal(1, code);
        Assert.Contains("plugins[0] (probe-high): config.tag: expected a string, got number 5", stderr, StringComparison.Ordinal);
        Assert.Contains("plugins[0] (probe-high): config.no_such_field: unknown field", stderr, StringComparison.Ordinal);
        Assert.Contains("plugins[1] (probe-low): config.exit_status: expected an integer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_MissingDeckEnvironmentVariable_ExitsOneNamingIt()
    {
        var (code, _, stderr) = await HostProcess.RunAsync(["--check", "--plugins", Path.Combine(RepoPaths.Root, "plugins.json")]);

        Assert.Equal(1, code);
        Assert.Contains("DECK_ANTHROPIC_API_KEY", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_EmbeddedDefaultConfigWithKey_ExitsZero()
    {
        var (code, stdout, stderr) = await HostProcess.RunAsync(
            ["--check", "--plugins", Path.Combine(RepoPaths.Root, "plugins.json")],
            new Dictionary<string, string> { ["DECK_ANTHROPIC_API_KEY"] = "sk-ant-test" });

        Assert.True(code == 0, stderr);
        Assert.Contains("1 services, 1 routes, 2 plugins", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_YamlAliasBomb_ExitsOneWithOneLine()
    {
        // 9 anchors of 9 aliases each: 9^9 nodes if expanded. The host must refuse it, not grow until killed;
        // HostProcess bounds the wait.
        var bomb = new System.Text.StringBuilder("_format_version: \"3.0\"\n_comment:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"  a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }

        var (code, _, stderr) = await CheckAsync(With(), bomb.ToString());

        Assert.Equal(1, code);
        Assert.Contains("kong.yaml:", OneLine(stderr), StringComparison.Ordinal);
        Assert.Contains("too many YAML alias expansions", stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string> NotAssemblies => ["text", "elf", "truncated-pe"];

    [Theory]
    [MemberData(nameof(NotAssemblies))]
    public async Task Load_CatalogPointsAtAFileThatIsNotAnAssembly_ExitsOneNamingTheFile(string kind)
    {
        var path = _folder.File($"{kind}.dll");
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(path, "this is not a plugin\n");
                break;
            case "elf":
                // The start of a 64-bit little-endian ELF header, as on any Linux binary.
                var elf = new byte[64];
                "\u007fELF"u8.CopyTo(elf);
                (elf[4], elf[5], elf[6]) = (2, 1, 1);
                await File.WriteAllBytesAsync(path, elf);
                break;
            default:
                var real = await File.ReadAllBytesAsync(PluginCatalogFile.Standard["file-log"]);
                await File.WriteAllBytesAsync(path, real[..1024]);
                break;
        }

        var (code, _, stderr) = await CheckAsync(With(("broken", path)));

        Assert.Equal(1, code);
        var line = OneLine(stderr);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("is not a .NET assembly", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ConfigFileThatCannotBeRead_ExitsOneWithOneLine()
    {
        // /proc/self/mem exists but every read of it fails (EIO): an IOException no loader step anticipated.
        var catalog = PluginCatalogFile.Write(_folder.Path, With());

        var (code, _, stderr) = await HostProcess.RunAsync(["--check", "--plugins", catalog, "--config", "/proc/self/mem"]);

        Assert.Equal(1, code);
        Assert.Contains("/proc/self/mem", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UnanticipatedException_IsOneLineAndExitOneNotAStackTrace()
    {
        // A NUL in a catalog path makes Path.GetFullPath throw ArgumentException, which no loader step expects.
        var (code, _, stderr) = await CheckAsync(With(("nul", "a\0b.dll")));

        Assert.Equal(1, code);
        Assert.StartsWith("error: startup failed: ArgumentException: ", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DuplicateYamlKey_WarnsOnStderrWithFileAndLineAndExitsZero()
    {
        var config = """
            _format_version: "3.0"
            plugins:
              - name: file-log
                config:
                  path: /tmp/gateway-startup-test.json
                  path: /tmp/gateway-startup-test-2.json
            """;

        var (code, stdout, stderr) = await CheckAsync(With(), config);

        Assert.True(code == 0, stderr);
        Assert.Contains("configuration is valid", stdout, StringComparison.Ordinal);
        Assert.Matches(@"^warning: .*kong\.yaml:6: duplicate key 'path': the last value is used$", OneLine(stderr));
    }

    [Fact]
    public async Task Check_EmptyDeckApiKey_SaysTheVariableIsEmpty()
    {
        var (code, _, stderr) = await HostProcess.RunAsync(
            ["--check", "--plugins", Path.Combine(RepoPaths.Root, "plugins.json")],
            new Dictionary<string, string> { ["DECK_ANTHROPIC_API_KEY"] = "" });

        Assert.Equal(1, code);
        var line = OneLine(stderr);
        Assert.Contains("environment variable 'DECK_ANTHROPIC_API_KEY' is set but empty", line, StringComparison.Ordinal);
        Assert.DoesNotContain("must be set together", line, StringComparison.Ordinal);
    }

    private const string ConfigureThrows = """
        using Gateway.Plugins;
        internal sealed class Boom : IGatewayPlugin, IConfigurePhase
        {
            public string Name => "boom";
            public int Priority => 10;
            public string Version => "1.0.0";
            public System.Type ConfigType => typeof(Cfg);
            public System.Threading.Tasks.ValueTask ConfigureAsync(System.Collections.Generic.IReadOnlyList<PluginInstance> instances, System.Threading.CancellationToken cancellationToken) =>
                throw new System.InvalidOperationException("the quota server refused the key");
        }
        internal sealed record Cfg;
        """;

    private const string BoomConfig = """
        _format_version: "3.0"
        plugins:
          - name: boom
            config: {}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Configure_PluginThrows_ExitsOneWithOneLineNamingThePluginAndTheReason(bool check)
    {
        var path = PluginCompiler.Compile(_folder.File("boom"), "BoomPlugin", ConfigureThrows);
        var catalog = PluginCatalogFile.Write(_folder.Path, With(("boom", path)));
        var file = _folder.Write("kong.yaml", BoomConfig);
        string[] mode = check ? ["--check"] : ["--urls", "http://127.0.0.1:0"];

        var (code, _, stderr) = await HostProcess.RunAsync([.. mode, "--plugins", catalog, "--config", file]);

        Assert.Equal(1, code);
        var line = OneLine(stderr);
        Assert.Contains("plugin 'boom'", line, StringComparison.Ordinal);
        Assert.Contains("the quota server refused the key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingAssemblyOutsideTheRepository_DoesNotAdviseBuildingTheRepository()
    {
        var missing = Path.Combine(_folder.Path, "nope", "Nope.dll");

        var (code, _, stderr) = await CheckAsync(With(("nope", missing)));

        Assert.Equal(1, code);
        Assert.DoesNotContain("dotnet build", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingBundledAssembly_AdvisesBuildingTheRepository()
    {
        // Where the repository's build puts the bundled plugins, for a plugin it does not build.
        var missing = Path.Combine(RepoPaths.Root, "artifacts", "plugins", "NoSuchPlugin", "Gateway.Plugins.NoSuchPlugin.dll");

        var (code, _, stderr) = await CheckAsync(With(("nope", missing)));

        Assert.Equal(1, code);
        Assert.Contains("run 'dotnet build' at the repository root", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_TwoPluginsWithTheSameName_ExitsOneNamingBothAssemblyPaths()
    {
        var first = PluginCompiler.Compile(_folder.File("a"), "DupA", PluginCompiler.PluginSource("A", "dup"));
        var second = PluginCompiler.Compile(_folder.File("b"), "DupB", PluginCompiler.PluginSource("B", "dup"));

        var (code, _, stderr) = await CheckAsync(With(("dup", first), ("dup-two", second)));

        Assert.Equal(1, code);
        var line = OneLine(stderr);
        Assert.Contains("two plugins are named 'dup'", line, StringComparison.Ordinal);
        Assert.Contains(first, line, StringComparison.Ordinal);
        Assert.Contains(second, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortAlreadyInUse_ExitsOneWithOneLineNamingTheAddress()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var catalog = PluginCatalogFile.Write(_folder.Path, With());
        var file = _folder.Write("kong.yaml", FileLogOnly);

        var (code, stdout, stderr) = await HostProcess.RunAsync(["--urls", $"http://127.0.0.1:{port}", "--plugins", catalog, "--config", file]);

        Assert.Equal(1, code);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        var line = OneLine(stderr);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
    }
}
