using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Chancery.Benchmarks.World;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chancery.Benchmarks.Load;

/// <summary>
/// <c>load [--rate R | --steps R1,R2,… | --step-up] [--duration S] [--warmup S] [--mix demo|missions|p3] [--postgres SERVER] [--world]</c>:
/// P7 and P3. Starts the real app (<c>Chancery.LoadHost</c>, a separate process, Release build) on the demo database
/// (SQLite under bench/.data/load, or a database on the PostgreSQL server) or on the benchmark world, signs in its
/// accounts for bearer tokens, and drives it at a fixed rate with an open model: request i is due at start + i/R and is
/// sent then whether or not earlier ones have answered; its latency is counted from its due time, so a server (or a
/// generator) that falls behind shows as latency instead of a lower send rate (no coordinated omission). Per step:
/// p50/p99/p99.9, errors (non-2xx, failures, no answer within 10 s of the step's end), the server's and this process's
/// CPU per request, and whether p99 held under 50 ms; <c>--step-up</c> doubles the rate from 50/s until a step fails and
/// reports the highest rate held. <c>--mix p3</c> checks that the API's mission list and the bench host's raw endpoint
/// give the same JSON, then measures the server's CPU per request of each at the same rate, alternating.
/// </summary>
internal static class LoadCommand
{
    private const double TargetP99Ms = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var duration = double.Parse(Commands.Option(args, "--duration") ?? "10", CultureInfo.InvariantCulture);
        var warmup = double.Parse(Commands.Option(args, "--warmup") ?? "10", CultureInfo.InvariantCulture);
        var mix = Commands.Option(args, "--mix") ?? "demo";
        var server = Commands.Option(args, "--postgres");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {Commands.LoadAverage()}, .NET {Environment.Version}");

        var (provider, connection, demo, label) = await DatabaseAsync(args, server).ConfigureAwait(false);
        await using var host = await AppProcess.StartAsync(provider, connection, demo).ConfigureAwait(false);
        Console.WriteLine($"App: Chancery.Web (Release, Production, Kestrel) pid {host.Pid} at {host.Url} on {label}; generator pid {Environment.ProcessId}, same two cores");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(30) };
        var tokens = new List<string>();
        foreach (var (email, password) in host.Accounts) tokens.Add(await SignInAsync(client, email, password).ConfigureAwait(false));
        var admin = tokens[0];

        if (mix == "p3") return await P3Async(client, admin, warmup, duration).ConfigureAwait(false);

        var washington = await WashingtonAsync(client, admin).ConfigureAwait(false);
        // The demo's reads: the three lists and one mission's alerts, by each of the three accounts in turn.
        string[] paths = mix == "missions" ? ["/api/v1/missions"] : ["/api/v1/missions", "/api/v1/people", "/api/v1/visas", $"/api/v1/alerts?missionId={washington}"];
        var requests = paths.SelectMany(p => tokens.Select(t => (Path: p, Token: t))).ToArray();
        Console.WriteLine($"Mix: {string.Join(", ", paths)}; accounts: {string.Join(", ", host.Accounts.Select(a => a.Email))}");

        if (warmup > 0)
        {
            var w = await StepAsync(client, host, requests, 50, warmup).ConfigureAwait(false);
            Console.WriteLine($"  warm-up {warmup:0} s at 50/s: p99 {w.P(99):0.0} ms, {w.Errors} errors");
        }
        var rates = Commands.Option(args, "--rate") is { } one ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : Commands.Option(args, "--steps") is { } list ? list.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray()
            : args.Contains("--step-up") ? [50, 100, 200, 300, 400, 600, 800, 1000, 1500, 2000, 3000] : [100];
        int? held = null;
        Console.WriteLine($"  {"rate/s",7} {"sent",7} {"done/s",7} {"p50 ms",8} {"p99 ms",8} {"p99.9",8} {"max",8} {"errors",7} {"server CPU/req",15} {"generator CPU/req",18}  held");
        foreach (var rate in rates)
        {
            var step = await StepAsync(client, host, requests, rate, duration).ConfigureAwait(false);
            var ok = step.P(99) < TargetP99Ms && step.Errors == 0;
            Console.WriteLine($"  {rate,7} {step.Sent,7} {step.Completed / duration,7:0} {step.P(50),8:0.0} {step.P(99),8:0.0} {step.P(99.9),8:0.0} {step.P(100),8:0.0} {step.Errors,7} {step.ServerCpuMs / step.Sent,12:0.00} ms {step.OwnCpuMs / step.Sent,15:0.00} ms  {(ok ? "yes" : "no")}  (load {Commands.LoadAverage()})");
            if (!string.IsNullOrEmpty(step.FirstError)) Console.WriteLine($"      first error: {step.FirstError}");
            if (ok) held = rate;
            else if (args.Contains("--step-up")) break;
        }
        Console.WriteLine(held is { } h ? $"  highest rate held at p99 < {TargetP99Ms} ms with no errors: {h}/s" : $"  no step held p99 < {TargetP99Ms} ms with no errors");
        return 0;
    }

    /// <summary>The mission list through the API and through the raw endpoint: same JSON, then CPU per request of each.</summary>
    private static async Task<int> P3Async(HttpClient client, string token, double warmup, double duration)
    {
        const string Api = "/api/v1/missions";
        const string Raw = "/bench/raw/missions";
        var api = JsonNode.Parse(await GetStringAsync(client, token, Api).ConfigureAwait(false));
        var raw = JsonNode.Parse(await GetStringAsync(client, token, Raw).ConfigureAwait(false));
        var same = JsonNode.DeepEquals(api, raw);
        Console.WriteLine($"P3: {Api} and {Raw} (first page of 50, sorted by city): {(same ? "same JSON" : "DIFFERENT JSON")} ({api?["total"]} missions)");
        if (!same)
        {
            Console.WriteLine($"  API: {api?.ToJsonString()[..Math.Min(400, api.ToJsonString().Length)]}");
            Console.WriteLine($"  raw: {raw?.ToJsonString()[..Math.Min(400, raw.ToJsonString().Length)]}");
            return 1;
        }
        // The server's CPU per request at a rate both sustain, alternating, so both see the same machine.
        const int Rate = 100;
        var host = AppProcess.Current!;
        if (warmup > 0)
            foreach (var path in new[] { Api, Raw }) await StepAsync(client, host, [(path, token)], Rate, warmup / 2).ConfigureAwait(false);
        var apiCpu = new List<double>();
        var rawCpu = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (path, cpu) in new[] { (Api, apiCpu), (Raw, rawCpu) })
            {
                var step = await StepAsync(client, host, [(path, token)], Rate, duration).ConfigureAwait(false);
                cpu.Add(step.ServerCpuMs / step.Sent);
                Console.WriteLine($"  {path,-22} {Rate}/s for {duration:0} s: server CPU {cpu[^1]:0.00} ms a request, p50 {step.P(50):0.0} ms, p99 {step.P(99):0.0} ms, {step.Errors} errors (load {Commands.LoadAverage()})");
            }
        }
        var apiMedian = Commands.Median(apiCpu);
        var rawMedian = Commands.Median(rawCpu);
        Console.WriteLine($"  median server CPU per request: API {apiMedian:0.00} ms, raw {rawMedian:0.00} ms; P3 = raw / API = {rawMedian / apiMedian:0.00}x (target >= 0.70x)");
        return 0;
    }

    private sealed class Step
    {
        public required double[] Latency { get; init; }
        public int Sent { get; init; }
        public int Completed { get; init; }
        public int Errors { get; init; }
        public string? FirstError { get; init; }
        public double ServerCpuMs { get; init; }
        public double OwnCpuMs { get; init; }

        public double P(double percent)
        {
            var sorted = Latency.Where(l => !double.IsNaN(l)).Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length), 1, sorted.Length) - 1];
        }
    }

    /// <summary>
    /// One step at <paramref name="rate"/> requests a second for <paramref name="seconds"/>: a dedicated thread sends each
    /// request at its due time (sleeping while more than 2 ms away, spinning closer), never waiting for answers.
    /// </summary>
    private static async Task<Step> StepAsync(HttpClient client, AppProcess host, (string Path, string Token)[] requests, int rate, double seconds)
    {
        var count = (int)(rate * seconds);
        var latency = new double[count];
        Array.Fill(latency, double.NaN);
        var errors = 0;
        string? firstError = null;
        var tasks = new Task[count];
        var serverCpu = host.CpuMs();
        var ownCpu = OwnCpuMs();
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / (double)rate;
        var sender = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                while (true)
                {
                    var left = due - Stopwatch.GetTimestamp();
                    if (left <= 0) break;
                    if (left > Stopwatch.Frequency / 500) Thread.Sleep(1);
                    else Thread.SpinWait(20);
                }
                var (path, token) = requests[i % requests.Length];
                tasks[i] = SendAsync(i, due, path, token);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };

        async Task SendAsync(int i, long due, string path, string token)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                latency[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) Fail($"{(int)response.StatusCode} {path}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Fail($"{ex.GetType().Name} {path}: {ex.Message}");
            }
        }
        void Fail(string what)
        {
            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, what, null);
        }

        sender.Start();
        sender.Join();
        var all = Task.WhenAll(tasks);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        var unanswered = tasks.Count(t => !t.IsCompleted);
        if (unanswered > 0) firstError ??= $"{unanswered} requests unanswered 10 s after the step";
        return new Step
        {
            Latency = latency,
            Sent = count,
            Completed = count - unanswered - errors,
            Errors = errors + unanswered,
            FirstError = firstError,
            ServerCpuMs = host.CpuMs() - serverCpu,
            OwnCpuMs = OwnCpuMs() - ownCpu,
        };
    }

    private static double OwnCpuMs()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }

    private static async Task<string> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>().ConfigureAwait(false);
        return body!["accessToken"]!.GetValue<string>();
    }

    private static async Task<string> GetStringAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    private static async Task<Guid> WashingtonAsync(HttpClient client, string token)
    {
        var page = JsonNode.Parse(await GetStringAsync(client, token, "/api/v1/missions?sendingState=RU&receivingState=US&kind=Embassy").ConfigureAwait(false));
        var items = page!["items"]!.AsArray();
        if (items.Count > 0) return items[0]!["id"]!.GetValue<Guid>();
        return JsonNode.Parse(await GetStringAsync(client, token, "/api/v1/missions").ConfigureAwait(false))!["items"]![0]!["id"]!.GetValue<Guid>();
    }

    /// <summary>The database the app runs on: the demo in SQLite (kept under bench/.data/load) or PostgreSQL, or the benchmark world.</summary>
    private static async Task<(string Provider, string Connection, bool Demo, string Label)> DatabaseAsync(string[] args, string? server)
    {
        if (args.Contains("--world"))
        {
            var (path, stats, _) = await WorldGenerator.EnsureAsync(WorldScale.Full, BenchHost.DataDirectory()).ConfigureAwait(false);
            return ("Sqlite", new SqliteConnectionStringBuilder { DataSource = path }.ToString(), false, $"the benchmark world in SQLite ({stats.Missions:N0} missions, {stats.People:N0} people, {stats.Visas:N0} visas)");
        }
        if (server is not null)
        {
            const string Name = "chancery_bench_load_demo";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync().ConfigureAwait(false);
                await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{Name}'", admin);
                if ((long)(await exists.ExecuteScalarAsync().ConfigureAwait(false))! == 0)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
                    await create.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
            return ("Postgres", new NpgsqlConnectionStringBuilder(server) { Database = Name, MaxPoolSize = 100 }.ToString(), true, $"the demo in PostgreSQL ({Name})");
        }
        var directory = Path.Combine(BenchHost.DataDirectory(), "load");
        Directory.CreateDirectory(directory);
        return ("Sqlite", new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "demo.db") }.ToString(), true, "the demo in SQLite (WAL)");
    }
}

/// <summary>The app in its own process: started, read for its address and accounts, stopped by closing its input.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string url, List<(string, string)> accounts, int pid)
    {
        _process = process;
        Url = url;
        Accounts = accounts;
        Pid = pid;
        Current = this;
    }

    /// <summary>The one started by this run (P3 reuses it).</summary>
    public static AppProcess? Current { get; private set; }

    public string Url { get; }
    public List<(string Email, string Password)> Accounts { get; }
    public int Pid { get; }

    public static async Task<AppProcess> StartAsync(string provider, string connection, bool demo)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Chancery.LoadHost", "bin", "Release", "net10.0", "Chancery.LoadHost.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{Path.GetFullPath(dll)} is missing: build bench/Chancery.LoadHost in Release (the bench's Release build does).");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.GetFullPath(dll), "--provider", provider, "--connection", connection }) info.ArgumentList.Add(a);
        if (demo) info.ArgumentList.Add("--demo");
        // Server GC as a production server would run (the default for ASP.NET Core apps).
        info.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Chancery.LoadHost.");
        var accounts = new List<(string, string)>();
        int pid = process.Id;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var parts = line.Split(' ', 3);
            if (parts[0] == "ACCOUNT") accounts.Add((parts[1], parts[2]));
            else if (parts[0] == "PID") pid = int.Parse(parts[1], CultureInfo.InvariantCulture);
            else if (parts[0] == "READY") return new AppProcess(process, parts[1], accounts, pid);
        }
        throw new InvalidOperationException($"Chancery.LoadHost ended before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    /// <summary>User and system CPU of the app's process so far, from /proc.</summary>
    public double CpuMs()
    {
        var fields = File.ReadAllText($"/proc/{Pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 0, utime 11, stime 12 (clock ticks, 100 a second on Linux).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
