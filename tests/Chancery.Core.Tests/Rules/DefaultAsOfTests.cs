using Chancery.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Chancery.Core.Tests.Rules;

public sealed class DefaultAsOfTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WithoutASettingViewsOpenOnTodayAndFollowTheClock()
    {
        var asOf = new DefaultAsOf(_clock, DefaultAsOf.ParseSetting(null));

        Assert.Equal(new DateOnly(2026, 11, 30), asOf.Today());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new DateOnly(2026, 12, 1), asOf.Resolve(null));
    }

    [Fact]
    public void APinnedDateIsTheDefaultButAnAskedDateWins()
    {
        var asOf = new DefaultAsOf(_clock, DefaultAsOf.ParseSetting(" 2021-08-15 "));

        Assert.Equal(new DateOnly(2021, 8, 15), asOf.Today());
        Assert.Equal(new DateOnly(2021, 9, 4), asOf.Resolve(new DateOnly(2021, 9, 4)));
    }

    [Fact]
    public void AMalformedSettingStopsTheStartNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DefaultAsOf.ParseSetting("15.08.2021"));

        Assert.Contains("AsOf:Default", error.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-mm-dd", error.Message, StringComparison.Ordinal);
    }
}
