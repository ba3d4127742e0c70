using System;
using Consistency.Runtime.Idempotency;

namespace Consistency.Runtime.Tests.Idempotency;

public sealed class IdempotencyHashAndCacheTests
{
    [Fact]
    public void Hash_is_lowercase_hex_SHA256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", IdempotencyHash.Compute("abc"));
        Assert.Equal("orders.place#ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", IdempotencyHash.ComposeKey("orders.place", "abc"));
    }

    [Fact]
    public void Local_cache_evicts_the_least_recently_used_and_ignores_expired_and_in_progress_records()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var live = now.AddHours(1).ToUnixTimeSeconds();
        var cache = new LocalRecordCache(2);
        IdempotencyRecord Completed(string key, long expires) => new(key, IdempotencyStatus.Completed, expires, null, key, null);

        cache.Set(Completed("a", live), now);
        cache.Set(Completed("b", live), now);
        Assert.NotNull(cache.Get("a", now));
        cache.Set(Completed("c", live), now);

        Assert.Null(cache.Get("b", now));
        Assert.NotNull(cache.Get("a", now));
        Assert.NotNull(cache.Get("c", now));

        cache.Set(new IdempotencyRecord("p", IdempotencyStatus.InProgress, live, null, null, null), now);
        Assert.Null(cache.Get("p", now));
        cache.Set(Completed("old", now.AddSeconds(-1).ToUnixTimeSeconds()), now);
        Assert.Null(cache.Get("old", now));
        Assert.Equal(2, cache.Count);
    }
}
