#!/usr/bin/env python3
"""Load benchmark: the docs views against a fixed-bytes Django view, on real ASGI servers.

    .venv/bin/python benchmarks/bench_load.py [--servers daphne,uvicorn] [--requests 300]
                                              [--seconds 6] [--rounds 3] [--concurrency 8]
                                              [--budget 420]

For each server (daphne and uvicorn, 2 worker processes each, on 127.0.0.1 only) it serves
``load_site.py`` (a ~750 KB generated spec) and, in the same server run, measures:

- ``/docs/asyncapi.yaml`` (AsyncAPISpecView) against ``/fixed/<the spec's size>``;
- ``/docs/`` (AsyncAPIDocView) against ``/fixed/<the page's size>``;

first with a constant ``Host: 127.0.0.1:<port>``, then with every request sending a new random
port (``Host: 127.0.0.1:<random>``), the case where a cache keyed by the client's Host rebuilt
the spec per port. Each scenario starts with the same few warm-up requests, which build the specs
the views will serve (each worker builds its own; a port that is not the server's is dropped, so
all random ports share one spec).

Printed: throughput and p99 latency of each view as ratios to its baseline (1.00 = as cheap as
serving fixed bytes), median and range over ``--rounds`` rounds of baseline then view, and the
workers' resident memory before and after.

Bounded on every side: at most ``--requests`` requests or ``--seconds`` per measurement, the whole
run within ``--budget`` seconds (later measurements are skipped, and say so), a timeout on every
request, and the servers it started are stopped by their process ids when it ends, whatever
happens. Clients are asyncio keep-alive connections in this process; the machine is shared, so
read the ratios (measured minutes apart on the same server) rather than the absolute numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOOPBACK = "127.0.0.1"
WORKERS = 2
REQUEST_TIMEOUT = 30.0


# -- a small HTTP/1.1 keep-alive client ------------------------------------------------------------
@dataclass
class Result:
    """One measurement: how many requests, how long, and each request's latency."""

    label: str
    latencies: list[float]
    seconds: float
    failures: int

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> bytes:
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if b"content-length" in headers:
        return await reader.readexactly(int(headers[b"content-length"]))
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunks.append(await reader.readexactly(size + 2))
            if size == 0:
                return b"".join(chunks)
    raise RuntimeError("response without Content-Length or chunked encoding")


async def _connection(port: int, path: str, host_for: Iterator[str], deadline: float, budget: list[int], latencies: list[float], failures: list[int]) -> None:
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            request = f"GET {path} HTTP/1.1\r\nHost: {next(host_for)}\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n"
            started = time.perf_counter()
            writer.write(request.encode("ascii"))
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_TIMEOUT)
            await asyncio.wait_for(_read_body(reader, head), REQUEST_TIMEOUT)
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200"):
                failures[0] += 1
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


def measure(label: str, port: int, path: str, *, hosts: Iterator[str], requests: int, seconds: float, concurrency: int) -> Result:
    """``requests`` GETs of ``path`` (or ``seconds``, whichever ends first) over ``concurrency``
    keep-alive connections."""
    latencies: list[float] = []
    failures = [0]

    async def run() -> None:
        deadline = time.perf_counter() + seconds
        budget = [requests]
        await asyncio.gather(*(_connection(port, path, hosts, deadline, budget, latencies, failures) for _ in range(concurrency)))

    started = time.perf_counter()
    asyncio.run(run())
    return Result(label, latencies, time.perf_counter() - started, failures[0])


def fetch_size(port: int, path: str) -> int:
    result: list[int] = []

    async def run() -> None:
        reader, writer = await asyncio.open_connection(LOOPBACK, port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\nConnection: close\r\n\r\n".encode("ascii"))
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 120)
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"{path} answered {head.splitlines()[0].decode()}")
        result.append(len(await asyncio.wait_for(_read_body(reader, head), 120)))
        writer.close()

    asyncio.run(run())
    return result[0]


def constant_host(port: int) -> Iterator[str]:
    while True:
        yield f"{LOOPBACK}:{port}"


def random_ports(seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    while True:
        yield f"{LOOPBACK}:{rng.randrange(1024, 65536)}"


# -- the servers ----------------------------------------------------------------------------------
def free_socket() -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((LOOPBACK, 0))
    return listener


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


@contextlib.contextmanager
def serve(name: str) -> Iterator[tuple[int, list[subprocess.Popen[bytes]]]]:
    """``name`` serving ``load_site:application`` with 2 workers on loopback: (port, processes).

    daphne has no worker option, so two daphne processes accept on one listening socket that this
    process opens and hands them (``--fd``); uvicorn runs its own ``--workers 2``.
    """
    python = sys.executable
    processes: list[subprocess.Popen[bytes]] = []
    listener = free_socket()
    port = listener.getsockname()[1]
    try:
        if name == "daphne":
            listener.listen(1024)
            listener.set_inheritable(True)
            fd = listener.fileno()
            for _ in range(WORKERS):
                command = [python, "-m", "daphne", "--fd", str(fd), "-v", "0", "load_site:application"]
                processes.append(subprocess.Popen(command, env=server_env(), pass_fds=(fd,), stdout=subprocess.DEVNULL, start_new_session=True))
        elif name == "uvicorn":
            listener.close()  # uvicorn binds the port itself and shares it with its workers
            command = [python, "-m", "uvicorn", "--host", LOOPBACK, "--port", str(port), "--workers", str(WORKERS), "--log-level", "warning", "--no-access-log", "--lifespan", "off", "load_site:application"]
            processes.append(subprocess.Popen(command, env=server_env(), stdout=subprocess.DEVNULL, start_new_session=True))
        else:
            raise SystemExit(f"unknown server {name!r}: use daphne or uvicorn")
        wait_until_listening(port, processes)
        yield port, processes
    finally:
        listener.close()
        stop(processes)


def wait_until_listening(port: int, processes: list[subprocess.Popen[bytes]], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise RuntimeError("the server exited while starting")
        try:
            fetch_size(port, "/fixed/1")
            return
        except (OSError, RuntimeError, asyncio.IncompleteReadError):
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer on port {port} within {timeout:.0f} s")


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM each process this benchmark started (uvicorn stops its own workers), then SIGKILL
    whatever is left of their sessions after 10 s."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # the session start_new_session gave it
            process.wait(timeout=10)


def worker_pids(processes: list[subprocess.Popen[bytes]]) -> list[int]:
    """The processes that answer requests: daphne's two, or uvicorn's workers (its children)."""
    pids: list[int] = []
    for process in processes:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        found = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        pids.extend(found if found else [process.pid])
    return pids


def resident_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def warm_up(port: int, hosts: Callable[[], Iterator[str]], *, slow: float = 0.5, batches: int = 30) -> None:
    """Send batches of fresh connections until no request is slow (``slow`` seconds; a build takes
    longer), so that every worker has built the spec: the kernel, not this client, decides which
    worker accepts a connection, so one batch may reach only one of them."""
    calm = 0
    for _ in range(batches):
        batch = measure("warm-up", port, "/docs/asyncapi.yaml", hosts=hosts(), requests=4 * WORKERS, seconds=120, concurrency=4 * WORKERS)
        if batch.failures:
            raise RuntimeError(f"{batch.failures} warm-up requests failed")
        calm = calm + 1 if max(batch.latencies) < slow else 0
        if calm == 3:
            return
    print(f"  (warm-up: requests were still slower than {slow} s after {batches} batches)")


def summarise(rounds: list[tuple[Result, Result]]) -> str:
    """Median (and range) over rounds of the view's throughput and p99 as ratios to the baseline."""
    throughput = sorted(view.throughput / base.throughput for base, view in rounds)
    p99 = sorted(view.p99 / base.p99 for base, view in rounds)
    views = [view for _, view in rounds]
    bases = [base for base, _ in rounds]
    failed = sum(view.failures for view in views)
    return (
        f"throughput ×{statistics.median(throughput):.2f} ({throughput[0]:.2f}–{throughput[-1]:.2f}), "
        f"p99 ×{statistics.median(p99):.2f} ({p99[0]:.2f}–{p99[-1]:.2f}) | "
        f"view {statistics.median(v.throughput for v in views):6.1f} req/s, p99 {statistics.median(v.p99 for v in views) * 1000:6.1f} ms; "
        f"fixed {statistics.median(b.throughput for b in bases):6.1f} req/s, p99 {statistics.median(b.p99 for b in bases) * 1000:6.1f} ms"
        + (f"; {failed} failed" if failed else "")
    )


# -- the run --------------------------------------------------------------------------------------
def run_server(name: str, args: argparse.Namespace, deadline: float) -> list[str]:
    lines = [f"{name} ({WORKERS} workers)"]
    with serve(name) as (port, processes):
        warm_up(port, lambda: constant_host(port))
        spec_bytes = fetch_size(port, "/docs/asyncapi.yaml")
        page_bytes = fetch_size(port, "/docs/")
        pids = worker_pids(processes)
        lines.append(f"  spec {spec_bytes / 1024:.0f} KB, docs page {page_bytes} B; workers' memory {resident_mb(pids):.0f} MB")
        for scenario, hosts in (("constant Host", lambda: constant_host(port)), ("random Host ports", lambda: random_ports(args.seed))):
            # The same warm-up in each scenario: a port that is not the server's is dropped, so
            # the random ports share one new spec (one more build per worker), built here.
            warm_up(port, lambda: random_ports(args.seed + 1))
            before = resident_mb(pids)
            for view, path, baseline in (("spec view", "/docs/asyncapi.yaml", f"/fixed/{spec_bytes}"), ("docs view", "/docs/", f"/fixed/{page_bytes}")):
                if time.monotonic() > deadline:
                    lines.append(f"  {scenario:18} {view}: skipped, --budget reached")
                    continue
                options = {"requests": args.requests, "seconds": args.seconds, "concurrency": args.concurrency}
                # Rounds of baseline then view, each round's ratio taken on its own: the machine's
                # other load drifts, so only measurements seconds apart are compared.
                rounds = []
                for _ in range(args.rounds):
                    base = measure("fixed", port, baseline, hosts=hosts(), **options)
                    rounds.append((base, measure(view, port, path, hosts=hosts(), **options)))
                lines.append(f"  {scenario:18} {view}: {summarise(rounds)}")
            lines.append(f"  {scenario:18} workers' memory {before:.0f} MB → {resident_mb(pids):.0f} MB")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers", default="daphne,uvicorn", help="comma-separated: daphne, uvicorn")
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement at most")
    parser.add_argument("--seconds", type=float, default=6.0, help="seconds per measurement at most")
    parser.add_argument("--rounds", type=int, default=3, help="baseline/view rounds per view (medians are printed)")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive client connections")
    parser.add_argument("--budget", type=float, default=420.0, help="seconds for the whole run; later measurements are skipped")
    parser.add_argument("--seed", type=int, default=12, help="seed of the random Host ports")
    args = parser.parse_args()
    deadline = time.monotonic() + args.budget
    print(f"loopback only; ≤{args.requests} requests or ≤{args.seconds:.0f} s per measurement, {args.concurrency} connections, {args.rounds} rounds")
    print("ratios are view / fixed-bytes view of the same size, same server run (1.00 = as cheap as fixed bytes): median (range)")
    for name in args.servers.split(","):
        if time.monotonic() > deadline:
            print(f"{name}: skipped, --budget reached")
            continue
        for line in run_server(name.strip(), args, deadline):
            print(line, flush=True)


if __name__ == "__main__":
    main()
