using BenchmarkDotNet.Running;
using Chancery.Benchmarks;

// `alerts --timed` / `alerts --check` / `world --timed` / `world --check` / `generate` / `forecast --check` / `forecast --timed` /
// `import --timed` / `writes` / `load`: quick, reproducible figures; anything else goes to BenchmarkDotNet (e.g. `-- --filter *Alerts*`).
if (args.Length > 0 && args[0] == "forecast")
    return await Chancery.Benchmarks.Forecast.ForecastCommands.RunAsync(args).ConfigureAwait(false);
if (args.Length > 0 && args[0] == "load")
    return await Chancery.Benchmarks.Load.LoadCommand.RunAsync(args).ConfigureAwait(false);
if (args.Length > 0 && args[0] == "writes")
    return await WritesBench.RunAsync(args).ConfigureAwait(false);
if (args.Length > 0 && args[0] == "import")
    return await ImportBench.RunAsync(args).ConfigureAwait(false);
if (args.Length > 0 && (args[0] == "alerts" || args[0] == "world" || args[0] == "generate"))
    return await Commands.RunAsync(args).ConfigureAwait(false);
BenchmarkSwitcher.FromAssembly(typeof(AlertsBenchmarks).Assembly).Run(args);
return 0;
