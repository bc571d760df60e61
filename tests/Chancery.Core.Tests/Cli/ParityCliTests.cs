namespace Chancery.Core.Tests.Cli;

public sealed class ParityCliTests : IDisposable
{
    private readonly ChanceryProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ParityOfTheDemoShowsTheDiplomatGapTheSummaryTheLedgerAndTheExpulsionOnTheTimeline()
    {
        var c = _cli.SqliteConnection;
        Assert.Equal(0, (await _cli.RunAsync("demo", "seed", "--connection-string", c)).ExitCode);

        var show = await _cli.RunAsync("parity", "show", "--a", "US", "--b", "RU", "--as-of", "2021-09-04", "--format", "csv", "--connection-string", c);
        var summary = await _cli.RunAsync("parity", "show", "--a", "US", "--b", "RU", "--as-of", "2021-09-04", "--summary", "--format", "csv", "--connection-string", c);
        var measures = await _cli.RunAsync("measures", "list", "--a", "RU", "--b", "US", "--format", "csv", "--connection-string", c);
        var timeline = await _cli.RunAsync("parity", "timeline", "--a", "US", "--b", "RU", "--from", "2021-05-20", "--to", "2021-05-23", "--format", "csv", "--connection-string", c);

        // Before the expelled ten left (2021-05-21), they were named in Russia's pending order: counted now, not after.
        var beforeTheyLeft = await _cli.RunAsync("parity", "show", "--a", "US", "--b", "RU", "--as-of", "2021-05-10", "--format", "csv", "--connection-string", c);

        Assert.Equal((0, 0, 0, 0, 0), (show.ExitCode, summary.ExitCode, measures.ExitCode, timeline.ExitCode, beforeTheyLeft.ExitCode));
        Assert.Contains("Diplomats now,11,", beforeTheyLeft.Stdout, StringComparison.Ordinal);
        Assert.Contains("Diplomats after pending orders,1,", beforeTheyLeft.Stdout, StringComparison.Ordinal);
        Assert.Contains("Diplomats now,1,35,-34", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Diplomats after pending orders,1,11,-10", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Russia holds 34 more diplomats in the United States than the United States holds in Russia (35 against 1).", summary.Stdout, StringComparison.Ordinal);
        Assert.Contains("The United States' visas for Russia's staff take", summary.Stdout, StringComparison.Ordinal);
        var ledger = measures.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, ledger.Length);
        Assert.Contains(ledger, l => l.Contains(",RU,US,Expulsion,10,Russia expels 10 of the United States' staff,", StringComparison.Ordinal));
        // The ten expelled diplomats left on 2021-05-21: the US embassy in Moscow keeps its ambassador.
        var diplomatsOfUs = timeline.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[3]).ToList();
        Assert.Equal(["11", "11", "1", "1"], diplomatsOfUs);
    }

    [Fact]
    public async Task TheSameStateTwiceExitsNonZeroNamingTheOption()
    {
        Assert.Equal(0, (await _cli.RunAsync("db", "migrate", "--connection-string", _cli.SqliteConnection)).ExitCode);

        var result = await _cli.RunAsync("parity", "show", "--a", "US", "--b", "us", "--connection-string", _cli.SqliteConnection);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("same state as a", result.Stderr, StringComparison.Ordinal);
    }
}
