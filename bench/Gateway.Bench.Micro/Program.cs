using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project bench/Gateway.Bench.Micro -- --filter '*'              (all, default job)
// dotnet run -c Release --project bench/Gateway.Bench.Micro -- --filter '*' --job short   (quicker, less precise)
//
// The benchmarks run in-process: the assembly is named Gateway.Bench (the name the host and the plugins grant
// InternalsVisibleTo), which BenchmarkDotNet's out-of-process toolchain cannot map back to this project file.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Gateway.Bench.Micro.SseUsageParsingBenchmarks).Assembly).Run(args, config);
