namespace Chancery.Core.Forecast;

/// <summary>
/// The random stream of one run: xoshiro256** seeded by SplitMix64 from the forecast's seed and the run's index, so
/// that run <c>r</c> draws the same numbers whichever thread does it and in whatever order.
/// </summary>
public struct ForecastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream of run <paramref name="run"/> under <paramref name="seed"/>.</summary>
    public ForecastRandom(ulong seed, int run)
    {
        var x = seed;
        x = SplitMix(ref x) ^ ((ulong)run * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A number in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number in [0, <paramref name="n"/>) (multiply-shift on 32 bits; the bias is below 2^-32 × n).</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);
}
