"""Load test for the chat: N clients in one room, M messages, fan-out throughput and delivery latency.

Not a test: a script you run and read. For each set-up it starts real uvicorn servers on
127.0.0.1, connects the clients round-robin across them, lets one client send M messages at --rate
messages a second (0: as fast as it can, which measures queueing more than delivery), and times
every delivery (the send time is stamped into the text; all clients live in this process, so one
clock measures both ends).

    python projects/07_chat/bench_chat_load.py --clients 50 --messages 200
    python projects/07_chat/bench_chat_load.py --solutions      # against the reference answer

Set-ups: 1 process with the memory hub, 1 process with the Redis hub, 2 processes with the Redis
hub (skipped when Redis does not answer at --redis-url).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import redis
from websockets.asyncio.client import ClientConnection, connect

HERE = Path(__file__).resolve().parent
SOLUTION = HERE.parents[1] / "solutions" / "projects" / HERE.name
SECRET = "bench-secret-key-0123456789-abcdefghijklmnop"
ROOM = "bench"


@dataclass(frozen=True)
class Result:
    setup: str
    clients: int
    messages: int
    rate: float
    deliveries: int
    elapsed: float
    latencies_ms: list[float]

    def row(self) -> str:
        cuts = statistics.quantiles(self.latencies_ms, n=100) if len(self.latencies_ms) > 1 else [0.0] * 99
        rate = self.deliveries / self.elapsed if self.elapsed else 0.0
        return (
            f"| {self.setup} | {self.clients} | {self.messages} | {f'{self.rate:g}' if self.rate else 'max'} | {self.deliveries} "
            f"| {self.elapsed:.2f} "
            f"| {rate:,.0f} | {cuts[49]:.1f} | {cuts[98]:.1f} |"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_servers(count: int, package_root: Path, env: dict[str, str]) -> list[tuple[subprocess.Popen[bytes], str]]:
    """Start `count` uvicorn processes and wait until each answers /health."""
    servers = []
    for _ in range(count):
        port = free_port()
        command = [sys.executable, "-m", "uvicorn", "--factory", "chat.chat_app:app_from_env"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        child_env = os.environ | env | {"PYTHONPATH": str(package_root)}
        process = subprocess.Popen(command, env=child_env)
        servers.append((process, f"127.0.0.1:{port}"))
    for process, address in servers:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server at {address} did not start")
            try:
                if httpx.get(f"http://{address}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
    return servers


def stop_servers(servers: list[tuple[subprocess.Popen[bytes], str]]) -> None:
    for process, _ in servers:
        process.terminate()
    for process, _ in servers:
        process.wait(timeout=10)


async def receive_messages(ws: ClientConnection, expected: int, latencies: list[float], done: asyncio.Event) -> None:
    """Collect `expected` message events, recording each one's delivery latency."""
    got = 0
    async for frame in ws:
        event = json.loads(frame)
        if event["type"] != "message":
            continue
        latencies.append((time.perf_counter_ns() - int(event["text"].split()[0])) / 1e6)
        got += 1
        if got == expected:
            break
    done.set()


async def run_setup(addresses: list[str], clients: int, messages: int, rate: float) -> tuple[int, float, list[float]]:
    """Connect, join, send, and wait (at most 120 s) for every client to get every message."""
    async with httpx.AsyncClient() as http:
        tokens = [
            (await http.post(f"http://{addresses[n % len(addresses)]}/login", json={"username": f"u{n}"})).json()[
                "token"
            ]
            for n in range(clients)
        ]
    sockets = [
        await connect(f"ws://{addresses[n % len(addresses)]}/ws?token={tokens[n]}", max_queue=None)
        for n in range(clients)
    ]
    try:
        for ws in sockets:
            await ws.send(json.dumps({"type": "join", "room": ROOM}))
            while json.loads(await ws.recv())["type"] != "joined":
                pass
        await asyncio.sleep(0.5)  # let the presence events settle everywhere
        latencies: list[float] = []
        events = [asyncio.Event() for _ in sockets]
        readers = [
            asyncio.create_task(receive_messages(ws, messages, latencies, event))
            for ws, event in zip(sockets, events, strict=True)
        ]
        sender = sockets[0]
        started = time.perf_counter()
        for n in range(messages):
            if rate:  # keep pace: message n goes out n/rate seconds after the first
                await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
            await sender.send(json.dumps({"type": "message", "room": ROOM, "text": f"{time.perf_counter_ns()} #{n}"}))
        try:
            await asyncio.wait_for(asyncio.gather(*(event.wait() for event in events)), timeout=120)
        except TimeoutError:
            print("  (timed out: some deliveries never arrived)", file=sys.stderr)
        elapsed = time.perf_counter() - started
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        return len(latencies), elapsed, latencies
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)


def redis_answers(url: str) -> bool:
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--rate", type=float, default=100.0, help="messages a second the sender sends (0: flat out)")
    parser.add_argument("--solutions", action="store_true", help="run the reference solution, not your package")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    args = parser.parse_args(argv)
    package_root = SOLUTION if args.solutions else HERE

    setups: list[tuple[str, int, dict[str, str]]] = [("1 process, memory hub", 1, {"CHAT_HUB": "memory"})]
    if redis_answers(args.redis_url):
        redis_env = {"CHAT_HUB": "redis", "REDIS_URL": args.redis_url}
        setups += [("1 process, Redis hub", 1, redis_env), ("2 processes, Redis hub", 2, redis_env)]
    else:
        print(f"Redis does not answer at {args.redis_url}: only the memory hub is measured", file=sys.stderr)

    print("| set-up | clients | messages | sent/s | deliveries | seconds | deliveries/s | p50 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, processes, hub_env in setups:
        with tempfile.TemporaryDirectory(prefix="chat-bench-") as tmp:
            env = hub_env | {
                "CHAT_SECRET_KEY": SECRET,
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.db'}",
                "CHAT_CHANNEL_PREFIX": f"chat-bench-{uuid.uuid4().hex[:8]}",
                "CHAT_RATE_BURST": "1000000",
                "CHAT_RATE_PER_SECOND": "1000000",
            }
            servers = start_servers(processes, package_root, env)
            try:
                addresses = [address for _, address in servers]
                deliveries, elapsed, latencies = asyncio.run(
                    run_setup(addresses, args.clients, args.messages, args.rate)
                )
            finally:
                stop_servers(servers)
        result = Result(name, args.clients, args.messages, args.rate, deliveries, elapsed, latencies)
        print(result.row(), flush=True)


if __name__ == "__main__":
    main()
