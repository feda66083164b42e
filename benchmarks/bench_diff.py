"""Benchmark: ``diff`` of two ~1 MB documents, beside the time of loading them.

Run: ``.venv/bin/python benchmarks/bench_diff.py [TARGET_BYTES]``. The documents come from
``synthetic.py``: variant 0 and variant 1 differ in the version and in every integer
``minimum`` (so the diff has thousands of real changes to classify and locate), and a third
document is an identical copy (the diff that finds nothing). Goal: the comparison, without
loading, under one second for 1 MB documents.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synthetic

from asyncapi_tools import render_text
from asyncapi_tools._diff._engine import compare
from asyncapi_tools._diff._load import open_side


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        old_path.write_text(render_text(synthetic.template(target, variant=0)), encoding="utf-8")
        new_path.write_text(render_text(synthetic.template(target, variant=1)), encoding="utf-8")
        print(f"documents: {old_path.stat().st_size:,} and {new_path.stat().st_size:,} bytes")

        load_time, (old, new) = timed(lambda: (open_side(str(old_path)), open_side(str(new_path))), 3)
        copy = open_side(str(old_path))
        diff_time, changes = timed(lambda: compare(old, new), 3)
        same_time, same = timed(lambda: compare(old, copy), 3)
        print(f"load both (C loader, positions kept): {load_time * 1000:8.0f} ms")
        print(f"diff, {len(changes):,} changes found:        {diff_time * 1000:8.0f} ms  (goal < 1000 ms)")
        print(f"diff of identical documents:       {same_time * 1000:8.0f} ms  ({len(same)} changes)")
        assert not same
        assert diff_time < 1.0, "diff of two 1 MB documents took a second or more"


if __name__ == "__main__":
    main()
