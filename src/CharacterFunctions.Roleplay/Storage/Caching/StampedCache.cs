using System.Diagnostics.CodeAnalysis;

namespace CharacterFunctions.Roleplay.Storage.Caching;

/// <summary>
/// The one in-process cache policy (store decorators, validated tokens). Bounded: when full, the least
/// recently used entry goes. Optionally aged: entries older than a max age miss (hosts whose store other
/// instances also write). Safe against stale refills: every change carries a stamp from one increasing
/// counter. A reader takes its stamp before it reads the store and may fill only when nothing newer is
/// there; a writer's value and an invalidation's tombstone get a stamp taken after the write, so a read
/// that was already in flight cannot put the older value back.
/// </summary>
public sealed class StampedCache<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new(); // least recently used first
    private readonly int _maxEntries;
    private readonly TimeSpan? _maxAge;
    private readonly TimeProvider _time;
    private long _stamp;

    // Newest stamp an evicted entry carried. A fill or write for a key no longer here that began before it
    // is refused: the evicted entry may have been that key's newer value or tombstone.
    private long _evictedStamp;

    /// <param name="maxAge">Null: entries stay until evicted or replaced (the process is the store's only writer).</param>
    public StampedCache(int maxEntries, TimeProvider time, TimeSpan? maxAge = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentNullException.ThrowIfNull(time);
        if (maxAge is { } age)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(age, TimeSpan.Zero, nameof(maxAge));
        }
        _maxEntries = maxEntries;
        _time = time;
        _maxAge = maxAge;
    }

    /// <summary>Entries held, tombstones included; never more than the max entries given.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A stamp for a read or write about to start; pass it to <see cref="Fill"/> or <see cref="Stored"/>.</summary>
    public long Begin() => Interlocked.Increment(ref _stamp);

    /// <summary>A live, unexpired value; tombstones and aged entries miss.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Value is { } live && !IsAged(node.Value))
            {
                _recency.Remove(node);
                _recency.AddLast(node);
                value = live;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>The cached value, else what <paramref name="read"/> finds, filled with a stamp taken before it started (the one read-through).</summary>
    public async Task<TValue?> ReadThroughAsync(TKey key, Func<Task<TValue?>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (TryGet(key, out var cached))
        {
            return cached;
        }
        var stamp = Begin();
        var found = await read();
        Fill(key, found, stamp);
        return found;
    }

    /// <summary>
    /// What a read that began at <paramref name="readStamp"/> found (null: nothing stored). Kept only when no
    /// newer change to the key is known; a miss is not cached, it only turns an older entry into a tombstone.
    /// </summary>
    public void Fill(TKey key, TValue? found, long readStamp)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Stamp < readStamp)
                {
                    Replace(node, found, readStamp);
                }
            }
            else if (found is not null && readStamp > _evictedStamp)
            {
                Add(key, found, readStamp);
            }
        }
    }

    /// <summary>
    /// A write that began at <paramref name="writeStamp"/> succeeded and stored <paramref name="value"/>.
    /// If the key changed meanwhile (another write, an invalidation, a fill), which is newest is unknown,
    /// so a tombstone goes in instead and the next read asks the store.
    /// </summary>
    public void Stored(TKey key, TValue value, long writeStamp)
    {
        lock (_gate)
        {
            var fresh = Begin();
            if (_entries.TryGetValue(key, out var node))
            {
                Replace(node, node.Value.Stamp < writeStamp ? value : null, fresh);
            }
            else if (writeStamp > _evictedStamp)
            {
                Add(key, value, fresh);
            }
        }
    }

    /// <summary>Leaves a tombstone with a fresh stamp, so a read already in flight cannot refill the key.</summary>
    public void Invalidate(TKey key)
    {
        lock (_gate)
        {
            var fresh = Begin();
            if (_entries.TryGetValue(key, out var node))
            {
                Replace(node, null, fresh);
            }
            else
            {
                Add(key, null, fresh);
            }
        }
    }

    private bool IsAged(Entry entry) => _maxAge is { } age && _time.GetElapsedTime(entry.StoredAt) >= age;

    private void Replace(LinkedListNode<Entry> node, TValue? value, long stamp)
    {
        node.Value.Value = value;
        node.Value.Stamp = stamp;
        node.Value.StoredAt = _time.GetTimestamp();
        _recency.Remove(node);
        _recency.AddLast(node);
    }

    private void Add(TKey key, TValue? value, long stamp)
    {
        if (_entries.Count >= _maxEntries && _recency.First is { } victim)
        {
            _recency.RemoveFirst();
            _entries.Remove(victim.Value.Key);
            _evictedStamp = Math.Max(_evictedStamp, victim.Value.Stamp);
        }
        var node = _recency.AddLast(new Entry(key) { Value = value, Stamp = stamp, StoredAt = _time.GetTimestamp() });
        _entries.Add(key, node);
    }

    private sealed class Entry(TKey key)
    {
        public TKey Key { get; } = key;

        /// <summary>Null: a tombstone.</summary>
        public TValue? Value { get; set; }

        public long Stamp { get; set; }
        public long StoredAt { get; set; }
    }
}
