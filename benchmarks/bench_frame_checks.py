#!/usr/bin/env python3
"""Benchmark: the per-frame cost of runtime frame checks (FRAME_CHECKS = "log" / "raise").

    .venv/bin/python benchmarks/bench_frame_checks.py [--frames 20000] [--repeat 5]

Generates the spec of the reference Dispatch consumer (tests/django_bridge/consumers.py: Pydantic,
dataclass and DRF payloads, six client and server messages on one channel) and times what the
middleware does for every text frame: parse the JSON, find the message its discriminator names,
validate it with the validator compiled for that message. Frames: a typical client frame (the
request_ride example, ~110 bytes), a typical server frame (a ride offer, ~200 bytes), an invalid
frame (a failing field: the error path builds a report), and a large frame (a 200-item list).
Reports medians over ``--repeat`` rounds of ``--frames`` checks, and the one-time compile cost.
The goal is at most 20 µs for a typical payload; with FRAME_CHECKS = "off" the middleware does not
wrap receive/send at all (tests/testing/test_frame_checks.py asserts it), so the cost is zero.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.django_bridge.settings")

GOAL_MICROSECONDS = 20.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=20000, help="checks per round")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (the median is reported)")
    args = parser.parse_args()

    import django

    django.setup()
    from asyncapi_tools import from_data
    from asyncapi_tools._contract import Contract, FrameChecker
    from django_bridge import AsyncAPIGenerator
    from tests.django_bridge.consumers import DispatchConsumer

    spec = AsyncAPIGenerator(DispatchConsumer, channel_path="/ws/dispatch/").get_spec()
    contract = Contract.from_document(from_data(spec))
    checker = FrameChecker(contract)
    (channel,) = contract.channels.values()

    frames = {
        "client, typical (request_ride)": ("client", {"action": "request_ride", "pickup_address": "23 Marina Rd, Lagos", "fare": "1500.00", "passenger_count": 1}),
        "server, typical (ride.offer)": ("server", {"type": "ride.offer", "ride_id": "d290f1ee-6c54-4b01-90e6-d701748f0851", "driver_id": "6f1c2a8e-4b1d-4f3a-9c55-0d6b1f1e2a77", "driver_name": "Emeka", "eta_minutes": 4}),
        "client, invalid field (report built)": ("client", {"action": "request_ride", "pickup_address": 7, "fare": "1500.00", "passenger_count": 1}),
        "client, large (200 stops in a note)": ("client", {"action": "request_ride", "pickup_address": "x", "fare": "1.00", "passenger_count": 1, "note": json.dumps(list(range(200)))}),
    }
    started = time.perf_counter()
    for side, frame in frames.values():
        checker.check(channel, side, frame)  # type: ignore[arg-type]
    compile_ms = (time.perf_counter() - started) * 1000

    print(f"frame checks, {args.repeat} rounds x {args.frames} frames (median per frame):")
    failed = False
    for label, (side, frame) in frames.items():
        text = json.dumps(frame)
        expect_ok = "invalid" not in label
        verdict = checker.check_text(channel, side, text)  # type: ignore[arg-type]
        assert verdict.ok == expect_ok, verdict.report(contract)
        rounds = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            for _ in range(args.frames):
                checker.check_text(channel, side, text)  # type: ignore[arg-type]
            rounds.append((time.perf_counter() - begin) / args.frames * 1e6)
        median = statistics.median(rounds)
        typical = "typical" in label
        failed = failed or (typical and median > GOAL_MICROSECONDS)
        mark = f"  (goal <= {GOAL_MICROSECONDS:g} us: {'met' if median <= GOAL_MICROSECONDS else 'MISSED'})" if typical else ""
        print(f"  {label:40s} {len(text):5d} B  {median:7.2f} us  (range {min(rounds):.2f}-{max(rounds):.2f}){mark}")
    print(f"  first checks, validators compiled once: {compile_ms:.1f} ms for {len(frames)} frames")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
