using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Chancery.Core.Common;

/// <summary>
/// Time-ordered GUIDs (version 7, RFC 9562) as <see cref="Guid.CreateVersion7()"/> makes them, with the 74 random bits
/// drawn from the system's secure generator 256 identifiers at a time: <c>Guid.CreateVersion7</c> asks the system for
/// random bytes once per identifier, which was a tenth of a bulk import's time.
/// </summary>
internal static class GuidV7
{
    private const int Batch = 256 * 16;
    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _next;

    /// <summary>A new identifier: 48 bits of Unix time in milliseconds, the version and variant, 74 random bits.</summary>
    public static Guid Create()
    {
        var random = _random ??= new byte[Batch];
        if (_next == 0) RandomNumberGenerator.Fill(random);
        var bytes = random.AsSpan(_next, 16);
        _next = (_next + 16) % Batch;
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new Guid((int)(ms >> 16), (short)ms, (short)((BinaryPrimitives.ReadUInt16LittleEndian(bytes) & 0x0FFF) | 0x7000),
            (byte)((bytes[2] & 0x3F) | 0x80), bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9]);
    }
}
