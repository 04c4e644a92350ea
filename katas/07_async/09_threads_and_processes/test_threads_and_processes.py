"""Tests for the threads-and-processes kata.

Mistakes these tests catch: results in the order they finished instead of the input's; a pool that ignores
`workers` (or runs one call at a time); the urls read twice (a generator is empty the second time); an
error that waits for every queued call to run first (a `with` block around `executor.map` does that);
first_success returning the first call to finish even when it raised, treating a falsy answer (0, b"",
None) as a failure, waiting for the slowest mirror, leaving queued mirrors to run after it returned, or
reporting the errors in the order they happened; map_cpu_bound running the work in threads (the parent
process then burns the CPU itself) or in the calling process.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from threads_and_processes import fetch_all, first_success, map_cpu_bound

pytestmark = pytest.mark.timeout(20)


class FakeNetwork:
    """A blocking `fetch(url)` that sleeps `delays[url]` seconds (default 0.05), counts calls in flight,
    and raises `failures[url]` when there is one."""

    def __init__(
        self,
        delays: dict[str, float] | None = None,
        failures: dict[str, Exception] | None = None,
        answers: dict[str, object] | None = None,
    ) -> None:
        self.delays = delays or {}
        self.failures = failures or {}
        self.answers = answers or {}
        self.started: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, url: str) -> object:
        with self._lock:
            self.started.append(url)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            time.sleep(self.delays.get(url, 0.05))
            if url in self.failures:
                raise self.failures[url]
            return self.answers.get(url, f"page {url}")
        finally:
            with self._lock:
                self.in_flight -= 1


def timed(call: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


# Module-level functions: a process pool sends them to its worker processes by name.
def square(n: int) -> int:
    return n * n


def worker_pid(_: int) -> int:
    time.sleep(0.05)  # long enough that every process of the pool gets work
    return os.getpid()


def burn(rounds: int) -> int:
    """Pure CPU work: no waiting, no I/O."""
    total = 0
    for i in range(rounds):
        total = (total + i * i) % 1_000_003
    return total


def picky(n: int) -> int:
    if n == 3:
        raise ValueError("3 is not allowed")
    return n


# ---- task 1 -----------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=1)
def test_results_come_back_in_the_order_of_the_urls() -> None:
    network = FakeNetwork(delays={"a": 0.3, "b": 0.2, "c": 0.1, "d": 0.0})
    assert fetch_all(network, ["a", "b", "c", "d"], workers=4) == ["page a", "page b", "page c", "page d"], (
        "the results must be in the order of the urls, not the order the calls finished"
    )


@pytest.mark.task(taskno=1)
def test_never_more_calls_at_once_than_workers() -> None:
    network = FakeNetwork()
    fetch_all(network, [str(n) for n in range(12)], workers=3)
    assert network.max_in_flight == 3, (
        f"with workers=3 exactly 3 calls should run at once; the most at once was {network.max_in_flight}"
    )


@pytest.mark.task(taskno=1)
def test_eight_workers_by_default() -> None:
    network = FakeNetwork()
    fetch_all(network, [str(n) for n in range(20)])
    assert network.max_in_flight == 8, f"the default is workers=8; the most calls at once was {network.max_in_flight}"


@pytest.mark.task(taskno=1)
def test_waiting_calls_overlap() -> None:
    network = FakeNetwork(delays={str(n): 0.2 for n in range(10)})
    _, elapsed = timed(lambda: fetch_all(network, [str(n) for n in range(10)], workers=10))
    assert elapsed < 1.0, (
        f"ten 0.2 s calls in ten threads should take about 0.2 s (one after another: 2 s); took {elapsed:.2f} s"
    )


@pytest.mark.task(taskno=1)
def test_reads_a_generator_of_urls_once() -> None:
    urls: Iterator[str] = (f"/item/{n}" for n in range(5))
    assert fetch_all(FakeNetwork(), urls, workers=2) == [f"page /item/{n}" for n in range(5)], (
        "urls may be a generator: read it once (a second pass over it finds nothing)"
    )


@pytest.mark.task(taskno=1)
def test_no_urls_gives_an_empty_list() -> None:
    assert fetch_all(FakeNetwork(), [], workers=3) == []


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("workers", [0, -2])
def test_workers_below_one_is_refused(workers: int) -> None:
    with pytest.raises(ValueError, match="workers"):
        fetch_all(FakeNetwork(), ["a"], workers=workers)


@pytest.mark.task(taskno=1)
def test_an_error_reaches_the_caller_and_the_queued_calls_never_start() -> None:
    boom = ConnectionError("mirror down")
    network = FakeNetwork(failures={"1": boom})
    urls = [str(n) for n in range(20)]
    with pytest.raises(ConnectionError) as caught:
        fetch_all(network, urls, workers=2)
    assert caught.value is boom, "raise the very exception the call raised, not a new one"
    time.sleep(0.3)  # anything still queued would have started by now
    assert len(network.started) <= 8, (
        f"after the error, the calls still queued must not run: {len(network.started)} of 20 started "
        "(cancel what has not started: `shutdown(cancel_futures=True)` or `future.cancel()`)"
    )


# ---- task 2 -----------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=2)
def test_a_failed_mirror_is_skipped_even_when_it_answers_first() -> None:
    network = FakeNetwork(delays={"broken": 0.01, "good": 0.15}, failures={"broken": TimeoutError("slow")})
    assert first_success(network, ["broken", "good"]) == "page good", (
        "the first call to finish raised: keep waiting for one that did not"
    )


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("answer", [0, b"", None, False], ids=["zero", "empty-bytes", "none", "false"])
def test_a_falsy_answer_is_still_an_answer(answer: object) -> None:
    network = FakeNetwork(delays={"first": 0.01, "second": 0.3}, answers={"first": answer})
    got = first_success(network, ["first", "second"])
    assert (got, type(got)) == (answer, type(answer)), (
        f"{answer!r} came back without an error, so it is the answer (got {got!r}): "
        "check whether the call raised, not whether its result is truthy"
    )


@pytest.mark.task(taskno=2)
def test_does_not_wait_for_the_slower_mirrors() -> None:
    network = FakeNetwork(delays={"near": 0.05, "far": 2.0})
    answer, elapsed = timed(lambda: first_success(network, ["far", "near"]))
    assert answer == "page near"
    assert elapsed < 1.0, (
        f"the near mirror answered after 0.05 s, but first_success returned after {elapsed:.2f} s: "
        "a `with` block waits for every thread (use `shutdown(wait=False)`)"
    )


@pytest.mark.task(taskno=2)
def test_queued_mirrors_never_start_once_one_answered() -> None:
    network = FakeNetwork()
    mirrors = ["m0", "m1", "m2", "m3", "m4", "m5"]
    assert first_success(network, mirrors, workers=1) == "page m0"
    time.sleep(0.5)  # long enough for every queued call to run
    assert len(network.started) <= 2, (
        f"once a mirror answered, the queued ones must not start: {network.started} started (cancel them)"
    )


@pytest.mark.task(taskno=2)
def test_when_every_mirror_fails_the_errors_come_in_mirror_order() -> None:
    errors = {"a": ConnectionError("a"), "b": TimeoutError("b"), "c": PermissionError("c")}
    network = FakeNetwork(delays={"a": 0.2, "b": 0.1, "c": 0.0}, failures=errors)
    with pytest.raises(ExceptionGroup) as caught:
        first_success(network, ["a", "b", "c"])
    assert caught.value.message == "every mirror failed"
    assert list(caught.value.exceptions) == [errors["a"], errors["b"], errors["c"]], (
        "the group holds each mirror's own exception, in the order of the mirrors (not the order they failed)"
    )


@pytest.mark.task(taskno=2)
def test_four_workers_by_default() -> None:
    network = FakeNetwork(failures={str(n): ConnectionError(str(n)) for n in range(10)})
    with pytest.raises(ExceptionGroup):
        first_success(network, [str(n) for n in range(10)])
    assert network.max_in_flight == 4, f"the default is workers=4; the most calls at once was {network.max_in_flight}"


@pytest.mark.task(taskno=2)
def test_no_mirrors_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^no mirrors to ask$"):
        first_success(FakeNetwork(), [])


@pytest.mark.task(taskno=2)
def test_first_success_refuses_workers_below_one() -> None:
    with pytest.raises(ValueError, match="workers"):
        first_success(FakeNetwork(), ["a"], workers=0)


# ---- task 3 -----------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=3)
def test_results_in_the_order_of_the_items() -> None:
    assert map_cpu_bound(square, (n for n in range(10)), workers=2) == [n * n for n in range(10)]


@pytest.mark.task(taskno=3)
def test_the_work_runs_in_other_processes() -> None:
    pids = map_cpu_bound(worker_pid, range(6), workers=1)
    assert os.getpid() not in pids, "the work ran in the calling process: use a process pool"
    assert len(set(pids)) == 1, f"workers=1 means one worker process; the work ran in {len(set(pids))}"


@pytest.mark.task(taskno=3)
def test_two_worker_processes_by_default() -> None:
    pids = map_cpu_bound(worker_pid, range(8))
    assert os.getpid() not in pids, "the work ran in the calling process: use a process pool"
    assert len(set(pids)) == 2, f"the default is workers=2; the work ran in {len(set(pids))} processes"


@pytest.mark.task(taskno=3)
def test_the_calling_process_does_not_burn_the_cpu() -> None:
    rounds = 300_000
    start = time.process_time()
    burn(rounds)
    one = time.process_time() - start
    start = time.process_time()
    map_cpu_bound(burn, [rounds] * 4, workers=2)
    spent_here = time.process_time() - start
    assert spent_here < 2 * one, (
        f"four pieces of CPU work cost this process {spent_here:.2f} s of CPU (one piece: {one:.2f} s): threads "
        "share one process and, in CPython, one interpreter lock; CPU-bound work belongs in other processes"
    )


@pytest.mark.task(taskno=3)
def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="3 is not allowed"):
        map_cpu_bound(picky, range(6), workers=2)


@pytest.mark.task(taskno=3)
def test_map_cpu_bound_refuses_workers_below_one() -> None:
    with pytest.raises(ValueError, match="workers"):
        map_cpu_bound(square, [1], workers=0)


@pytest.mark.task(taskno=3)
def test_no_items_gives_an_empty_list() -> None:
    assert map_cpu_bound(square, [], workers=2) == []
