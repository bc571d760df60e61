using Chancery.Core.Common;

namespace Chancery.Core.Tests.Rules;

public class GuidV7Tests
{
    [Fact]
    public void IdentifiersAreUniqueVersion7GuidsCarryingTheMillisecondTheyWereMadeIn()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 10_000).Select(_ => GuidV7.Create()).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Equal(7, id.Version);
            Assert.InRange(id.Variant, 8, 11);
            var bytes = id.ToByteArray(bigEndian: true);
            var ms = bytes[..6].Aggregate(0L, (n, b) => (n << 8) | b);
            Assert.InRange(ms, before, after);
        });
        // Made in order, they sort in order of time as Guid.CreateVersion7's do.
        var times = ids.Select(id => id.ToByteArray(bigEndian: true)[..6].Aggregate(0L, (n, b) => (n << 8) | b)).ToList();
        Assert.Equal(times.Order(), times);
    }
}
