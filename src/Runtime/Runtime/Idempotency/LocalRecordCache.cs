using System;
using System.Collections.Generic;

namespace Consistency.Runtime.Idempotency;

/// <summary>A small thread-safe LRU cache of completed records, so that hot replays cost no request.</summary>
internal sealed class LocalRecordCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<IdempotencyRecord>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<IdempotencyRecord> _order = new();
    private readonly object _gate = new();

    public LocalRecordCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    public IdempotencyRecord? Get(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_index.TryGetValue(key, out var node))
            {
                return null;
            }

            if (node.Value.IsExpired(now))
            {
                _order.Remove(node);
                _index.Remove(key);
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value;
        }
    }

    public void Set(IdempotencyRecord record, DateTimeOffset now)
    {
        if (record.Status != IdempotencyStatus.Completed || record.IsExpired(now))
        {
            return;
        }

        lock (_gate)
        {
            if (_index.TryGetValue(record.Key, out var existing))
            {
                _order.Remove(existing);
            }
            else if (_index.Count >= _capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }

            _index[record.Key] = _order.AddFirst(record);
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_index.Remove(key, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
