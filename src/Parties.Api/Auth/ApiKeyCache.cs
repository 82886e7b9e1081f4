using System.Collections.Concurrent;
using Parties.Tenancy;

namespace Parties.Api.Auth;

/// <summary>
/// The API keys this replica has seen, so that authenticating a request costs no database round trip. A key changes
/// only when it is revoked, and every revocation reaches every replica through PostgreSQL's NOTIFY
/// (<see cref="ApiKeyRevocations"/>); while a replica is not listening it caches nothing and reads every key.
/// </summary>
public sealed class ApiKeyCache
{
    private readonly ConcurrentDictionary<Guid, ApiKey> _keys = new();
    private long _revocations;
    private volatile bool _listening;

    /// <summary>Changes each time a revocation is heard: a key read before it must not be cached after it.</summary>
    public long Generation => Interlocked.Read(ref _revocations);

    public ApiKey? Find(Guid id) => _listening && _keys.TryGetValue(id, out var key) ? key : null;

    /// <summary>Keeps a key read from the database, unless a revocation was heard since the read began.</summary>
    public void Keep(ApiKey key, long generationAtRead)
    {
        if (!_listening || key.RevokedAt is not null) return;
        _keys[key.Id] = key;
        if (Generation != generationAtRead) _keys.TryRemove(key.Id, out _);
    }

    public void Revoked(Guid id)
    {
        Interlocked.Increment(ref _revocations);
        _keys.TryRemove(id, out _);
    }

    /// <summary>Listening again (after start or a lost connection): what was cached may have missed revocations.</summary>
    public void Listening(bool listening)
    {
        Interlocked.Increment(ref _revocations);
        _listening = listening;
        _keys.Clear();
    }
}
