"""Benchmark: title injection on alias DAGs, time vs depth (issue 11: it used to be exponential).

Run: ``.venv/bin/python benchmarks/bench_titles_aliases.py [MAX_DEPTH]``. Each document defines
``l0 .. l{depth}`` where ``l{i}`` uses ``l{i-1}`` twice through aliases, and two messages use
``l{depth}`` as their payload: ``2**depth`` paths through ``4 * depth`` lines. Printed per depth:
bytes, paths, titles injected, and the median time of ``inject_titles`` (the tree is loaded by
ruamel directly: past depth ~15 ``loads`` refuses the document as an alias bomb, by design).
Before the fix, depth 7 took 14 s and depth 8 over 30 s; now time grows with depth, not paths.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asyncapi_tools import Document, inject_titles


def alias_dag(depth: int) -> str:
    """``l{i}`` uses ``l{i-1}`` twice: ``2**depth`` paths through ``4 * depth`` lines."""
    lines = ["x-defs:", "  l0: &l0", "    type: object", "    properties:", "      v: {type: string}"]
    for level in range(1, depth + 1):
        lines += [f"  l{level}: &l{level}", "    type: object", "    properties:", f"      a: *l{level - 1}", f"      b: *l{level - 1}"]
    lines += ["components:", "  messages:", "    m:", f"      payload: *l{depth}", "    n:", f"      payload: *l{depth}"]
    return "\n".join(lines) + "\n"


def time_titles(text: str, repeat: int = 5) -> tuple[float, int]:
    """Median seconds of ``inject_titles`` on a fresh tree of ``text``, and the titles it wrote."""
    from ruamel.yaml import YAML

    times, count = [], 0
    for _ in range(repeat):
        document = Document(tree=YAML(typ="rt").load(text), source="dag.yaml")
        start = time.perf_counter()
        count = len(inject_titles(document))
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def main() -> None:
    max_depth = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    print(f"{'depth':>5} {'bytes':>7} {'paths':>10} {'titles':>6} {'inject_titles':>14}")
    for depth in range(2, max_depth + 1, 2):
        text = alias_dag(depth)
        seconds, titles = time_titles(text)
        print(f"{depth:>5} {len(text):>7,} {2**depth:>10,} {titles:>6} {seconds * 1000:>11.1f} ms")


if __name__ == "__main__":
    main()
