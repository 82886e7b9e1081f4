using System.Security.Cryptography;

namespace Parties.Api.Webhooks;

/// <summary>
/// Version 7 ids that grow strictly within this process, even for attempts made in the same millisecond (the 12 bits
/// after the version count within it, as RFC 9562 allows): the deliveries list pages by id, oldest attempt first.
/// </summary>
public static class AttemptIds
{
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static int _counter;

    public static Guid Next(DateTimeOffset at)
    {
        long ms;
        int counter;
        lock (Gate)
        {
            ms = Math.Max(at.ToUnixTimeMilliseconds(), _lastMs);
            _counter = ms == _lastMs ? _counter + 1 : 0;
            if (_counter > 0xFFF) (ms, _counter) = (ms + 1, 0);
            (_lastMs, counter) = (ms, _counter);
        }
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
