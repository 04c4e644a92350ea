"""Tests for the Redis cache: cache-aside with a TTL, JSON values, negative caching, invalidation on write and
stampede protection, on a real Redis (`REDIS_URL`).

Mistakes these tests catch: replies as bytes (no decode_responses), values cached without a TTL, `if value:` or
`raw or load()` dropping a cached 0, "" or False, a missing value never cached (or cached for the full TTL),
a write that updates the cached copy instead of deleting it, a key deleted before the source is written (a
reader in between caches the old value again), twenty concurrent misses all calling the source, a lock without
an expiry, a lock released with a plain DEL (someone else's lock), a lock kept after the source failed, waiters
that wait forever, never take over an expired lock, or load again right after another thread filled the key.

Every test works under its own random key prefix and deletes its keys afterwards; nothing is ever flushed.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NoReturn, cast

import pytest
import redis
from redis_cache import RedisCache, connect


def redis_unavailable(reason: str) -> NoReturn:
    """Skip a Redis test, or fail it when CI requires Redis to run."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the Redis tests must run: {reason}", pytrace=False)
    pytest.skip(f"Redis test skipped: {reason}")


@pytest.fixture
def redis_url() -> str:
    """The `REDIS_URL` of a reachable server."""
    url = os.environ.get("REDIS_URL", "")
    if not url.startswith(("redis://", "rediss://")):
        redis_unavailable("REDIS_URL is not set to a redis:// URL (e.g. redis://127.0.0.1:6379/0)")
    probe = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        probe.ping()
    except redis.RedisError as error:
        redis_unavailable(f"cannot reach REDIS_URL: {error}")
    finally:
        probe.close()
    return url


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    """A client with str replies, for the tests' own looks at the server."""
    with redis.Redis.from_url(redis_url, decode_responses=True) as tests_client:
        yield tests_client


@pytest.fixture
def prefix(client: redis.Redis) -> Iterator[str]:
    """A key prefix of this test's own; its keys are deleted afterwards (never a flush: the server is shared)."""
    mine = f"kata-cache-{uuid.uuid4().hex}"
    yield mine
    leftovers = list(client.scan_iter(match=f"{mine}:*"))
    if leftovers:
        client.delete(*leftovers)


class FakeSource:
    """A slow system of record in a dict that counts its loads and can run a hook during a load or a save."""

    def __init__(self, data: dict[str, Any] | None = None, delay: float = 0.0) -> None:
        self.data = dict(data or {})
        self.delay = delay
        self.loads: list[str] = []
        self.saves: list[tuple[str, Any]] = []
        self.during_load: Callable[[], object] | None = None
        self.during_save: Callable[[], object] | None = None
        self.fail_with: Exception | None = None
        self._lock = threading.Lock()

    def load(self, name: str) -> Any:
        with self._lock:
            self.loads.append(name)
        if self.during_load is not None:
            self.during_load()
        time.sleep(self.delay)
        if self.fail_with is not None:
            raise self.fail_with
        return json.loads(json.dumps(self.data.get(name)))  # a fresh copy, as a database would return

    def save(self, name: str, value: Any) -> None:
        self.saves.append((name, value))
        if self.during_save is not None:
            self.during_save()  # another request squeezes in before the write lands
        version = len(self.saves)
        self.data[name] = {**value, "version": version}  # the source adds what only it knows


ADA = {"name": "Ada", "born": 1815}


def exists(client: redis.Redis, key: str) -> int:
    """1 when the key is on the server, 0 when not (redis EXISTS)."""
    return int(client.exists(key))


@pytest.mark.task(taskno=1)
def test_connect_gives_a_client_that_replies_with_str(redis_url: str, client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}:greeting", "héllo")
    reply = connect(redis_url).get(f"{prefix}:greeting")
    assert reply == "héllo", "connect(url) should build the client with decode_responses=True, so GET returns str"


@pytest.mark.task(taskno=1)
def test_a_second_get_comes_from_the_cache(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix)
    assert cache.get("ada") == ADA
    assert cache.get("ada") == ADA
    assert source.loads == ["ada"], "the second get should be answered by Redis, without calling the source"
    stored = client.get(f"{prefix}:ada")
    assert stored is not None, f"the value should be cached under the key {prefix}:ada (prefix, colon, name)"
    assert json.loads(stored) == ADA, "the cached value should be the value as JSON (json.dumps)"


@pytest.mark.task(taskno=1)
def test_a_value_already_in_redis_is_decoded_from_json(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}:colours", json.dumps(["red", 2, None]), ex=60)
    source = FakeSource()
    assert RedisCache(client, source, prefix).get("colours") == ["red", 2, None], "decode the cached JSON"
    assert source.loads == [], "a key that is in Redis must not call the source"


@pytest.mark.task(taskno=1)
def test_cached_values_expire_after_the_ttl(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA, "bob": {"name": "Bob"}})
    RedisCache(client, source, prefix).get("ada")
    assert 55 < client.ttl(f"{prefix}:ada") <= 60, "the default ttl is 60 s: SET the key with ex=ttl"
    cache = RedisCache(client, source, prefix, ttl=600)
    cache.get("bob")
    assert 595 < client.ttl(f"{prefix}:bob") <= 600, "use the ttl given to RedisCache"
    client.pexpire(f"{prefix}:bob", 1)
    time.sleep(0.05)
    assert cache.get("bob") == {"name": "Bob"}
    assert source.loads == ["ada", "bob", "bob"], "once the key has expired, the next get loads again"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("value", [0, "", False, [], {}, 0.0, "0"], ids=repr)
def test_falsy_values_are_cached_too(client: redis.Redis, prefix: str, value: Any) -> None:
    source = FakeSource({"item": value})
    cache = RedisCache(client, source, prefix)
    first, second = cache.get("item"), cache.get("item")
    assert (first, type(first)) == (value, type(value)), "get should return exactly what the source returned"
    assert (second, type(second)) == (value, type(value)), "the cached copy should decode to the same value"
    assert source.loads == ["item"], (
        f"{value!r} is a real value: the cache must answer it. Ask whether the key was there (`is None`), "
        "not whether the value is truthy"
    )


@pytest.mark.task(taskno=2)
def test_a_missing_value_is_cached_briefly(client: redis.Redis, prefix: str) -> None:
    source = FakeSource()
    cache = RedisCache(client, source, prefix, ttl=600)
    assert cache.get("ghost") is None
    assert cache.get("ghost") is None
    assert source.loads == ["ghost"], "negative caching: a None from the source is cached too, as JSON null"
    assert client.get(f"{prefix}:ghost") == "null"
    assert 0 < client.ttl(f"{prefix}:ghost") <= 5, "a missing value is cached for negative_ttl (5 s), not ttl"
    RedisCache(client, source, prefix, negative_ttl=30).get("phantom")
    assert 25 < client.ttl(f"{prefix}:phantom") <= 30, "use the negative_ttl given to RedisCache"


@pytest.mark.task(taskno=3)
def test_put_writes_to_the_source_and_deletes_the_key(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix)
    cache.get("ada")
    cache.put("ada", {"name": "Ada Lovelace"})
    assert source.saves == [("ada", {"name": "Ada Lovelace"})], "put should save the value to the source once"
    assert exists(client, f"{prefix}:ada") == 0, "put should DELETE the cached key, not write a new value into it"
    assert cache.get("ada") == {"name": "Ada Lovelace", "version": 1}, "the next get loads what the source holds"
    assert source.loads == ["ada", "ada"]


@pytest.mark.task(taskno=3)
def test_put_writes_the_source_before_deleting_the_key(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix)
    seen_meanwhile: list[Any] = []
    source.during_save = lambda: seen_meanwhile.append(cache.get("ada"))  # a reader between the two steps
    cache.put("ada", {"name": "Ada Lovelace"})
    assert seen_meanwhile == [ADA]
    assert cache.get("ada") == {"name": "Ada Lovelace", "version": 1}, (
        "a reader came in during the write and cached the old value again: write the source FIRST, then delete "
        "the key, so whatever a reader cached in between is thrown away"
    )


@pytest.mark.task(taskno=3)
def test_a_failed_write_propagates_and_keeps_the_cached_value(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix)
    cache.get("ada")

    def refuse() -> None:
        raise ConnectionError("source is down")

    source.during_save = refuse
    with pytest.raises(ConnectionError, match="source is down"):
        cache.put("ada", {"name": "Ada Lovelace"})
    assert exists(client, f"{prefix}:ada") == 1, "the source did not change, so its cached copy is still right"


@pytest.mark.task(taskno=4)
@pytest.mark.timeout(20)
def test_twenty_concurrent_misses_call_the_source_once(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA}, delay=0.3)
    cache = RedisCache(client, source, prefix)
    start = threading.Barrier(20)

    def ask(_: int) -> Any:
        start.wait()
        return cache.get("ada")

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(ask, range(20)))
    assert results == [ADA] * 20, "every caller should get the value"
    assert source.loads == ["ada"], (
        f"{len(source.loads)} of 20 simultaneous misses called the source: only the one that takes the lock "
        "(SET NX) may load; the others wait for the value"
    )


@pytest.mark.task(taskno=4)
@pytest.mark.parametrize(("lock_ms", "options"), [(5000, {}), (3000, {"lock_ms": 3000})], ids=["default", "3000"])
def test_the_lock_expires_and_is_released_after_loading(
    client: redis.Redis, prefix: str, lock_ms: int, options: dict[str, int]
) -> None:
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix, **options)
    lock = f"{prefix}:lock:ada"
    seen: list[tuple[bool, int]] = []
    source.during_load = lambda: seen.append((exists(client, lock) == 1, client.pttl(lock)))
    cache.get("ada")
    assert seen, "the source was never called"
    held, pttl = seen[0]
    assert held, f"while loading, the lock {lock} should be held"
    assert lock_ms - 1000 < pttl <= lock_ms, (
        f"the lock should expire after lock_ms (PX, {lock_ms} ms), so a crashed holder cannot block; pttl {pttl}"
    )
    assert exists(client, lock) == 0, "release the lock after loading"


@pytest.mark.task(taskno=4)
def test_release_leaves_a_lock_that_someone_else_took(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix)
    lock = f"{prefix}:lock:ada"
    # our load was so slow that our lock expired, and another process took the lock with its own token
    source.during_load = lambda: client.set(lock, "someone-else", px=10_000)
    cache.get("ada")
    holder = client.get(lock)
    assert holder == "someone-else", (
        "release deleted another holder's lock: delete the lock only if it still holds your own random token, "
        "checked and deleted in one step (a Lua script)"
    )


@pytest.mark.task(taskno=4)
def test_the_lock_is_released_when_the_source_fails(client: redis.Redis, prefix: str) -> None:
    source = FakeSource({"ada": ADA})
    source.fail_with = TimeoutError("database timed out")
    cache = RedisCache(client, source, prefix)
    with pytest.raises(TimeoutError, match="database timed out"):
        cache.get("ada")
    assert exists(client, f"{prefix}:lock:ada") == 0, "release the lock in a finally, also when loading fails"
    assert exists(client, f"{prefix}:ada") == 0, "a failed load caches nothing"
    source.fail_with = None
    assert cache.get("ada") == ADA


@pytest.mark.task(taskno=4)
def test_a_waiter_gives_up_after_wait_seconds(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}:lock:ada", "stuck-holder", px=60_000)
    source = FakeSource({"ada": ADA})
    cache = RedisCache(client, source, prefix, wait=0.3)
    started = time.monotonic()
    with pytest.raises(TimeoutError, match=r"^'ada' is still being loaded by someone else after 0\.3 s$"):
        cache.get("ada")
    assert time.monotonic() - started < 5, "give up after `wait` seconds"
    assert source.loads == [], "a waiter must not call the source while another holds the lock"


@pytest.mark.task(taskno=4)
def test_a_cached_value_is_answered_while_someone_holds_the_lock(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}:ada", json.dumps(ADA), ex=60)
    client.set(f"{prefix}:lock:ada", "busy-holder", px=60_000)
    source = FakeSource()
    assert RedisCache(client, source, prefix, wait=0.3).get("ada") == ADA, (
        "look at the cache first: a hit needs no lock, whoever holds it"
    )


@pytest.mark.task(taskno=4)
def test_a_waiter_takes_over_an_expired_lock(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}:lock:ada", "crashed-holder", px=200)
    source = FakeSource({"ada": ADA})
    assert RedisCache(client, source, prefix, wait=5).get("ada") == ADA, (
        "the holder crashed: when its lock expires, a waiter should take the lock and load"
    )
    assert source.loads == ["ada"]


class MissesTheFirstRead:
    """A client whose first GET answers None: the key was filled by another caller just after this one looked."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client
        self._missed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def get(self, key: str) -> Any:
        if not self._missed:
            self._missed = True
            return None
        return self._client.get(key)


@pytest.mark.task(taskno=4)
def test_the_lock_holder_looks_again_before_loading(client: redis.Redis, prefix: str) -> None:
    client.set(f"{prefix}:ada", json.dumps(ADA), ex=60)
    source = FakeSource({"ada": ADA})
    cache = RedisCache(cast("redis.Redis", MissesTheFirstRead(client)), source, prefix)
    assert cache.get("ada") == ADA
    assert source.loads == [], (
        "another caller filled the key between your GET and your lock: once you hold the lock, GET again "
        "before calling the source"
    )
