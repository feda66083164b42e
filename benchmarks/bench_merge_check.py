"""Benchmark: `check` on an unchanged ~1 MB spec, and `merge` of two ~1 MB documents.

Run: ``.venv/bin/python benchmarks/bench_merge_check.py [TARGET_BYTES]``. The inputs come from
``synthetic.py`` (deterministic, hand-written-looking YAML with comments). Printed:

* check (unchanged) vs. a ruamel round-trip load of the same file, in the same run (goal >= 3x);
* merge vs. ruamel load + dump of the base, as a ratio.
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

from asyncapi_tools import _yaml, check, loads, merge, render_text


def generate(target_bytes: int, *, variant: int = 0) -> str:
    """A commented AsyncAPI 3.0 document of about ``target_bytes`` (``variant`` changes values)."""
    return render_text(synthetic.template(target_bytes, variant=variant))


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    base_text = generate(target)
    overlay_text = generate(target, variant=1)
    with tempfile.TemporaryDirectory() as tmp:
        committed = Path(tmp) / "asyncapi.yaml"
        committed.write_text(base_text, encoding="utf-8")
        print(f"documents: {len(base_text):,} and {len(overlay_text):,} bytes")

        rt_load, base_tree = timed(lambda: _yaml.parse(committed.read_text(encoding="utf-8")), 3)
        generated = loads(base_text)  # the in-memory output of a pipeline run (not timed)
        check_time, result = timed(lambda: check(generated, committed), 3)
        assert result.up_to_date
        print(f"ruamel round-trip load:       {rt_load * 1000:8.0f} ms")
        print(f"check, unchanged file:        {check_time * 1000:8.0f} ms")
        print(f"check speed-up vs rt load:    {rt_load / check_time:8.1f}x  (goal >= 3x)")

        rt_dump, _ = timed(lambda: _yaml.dump(base_tree), 1)
        base, overlay = loads(base_text, source="base.yaml"), loads(overlay_text, source="overlay.yaml")
        merge_time, merged = timed(lambda: merge(base, overlay), 3)
        assert merged.plain() == overlay.plain()
        print(f"ruamel load + dump:           {(rt_load + rt_dump) * 1000:8.0f} ms")
        print(f"merge of two documents:       {merge_time * 1000:8.0f} ms")
        print(f"merge / (load + dump):        {merge_time / (rt_load + rt_dump):8.3f}")


if __name__ == "__main__":
    main()
