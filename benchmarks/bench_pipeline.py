"""Benchmark the render → titles → validate → write pipeline against its floor, in one run.

Prints, for generated ~100 KB and ~1 MB templates:
- the whole pipeline as a ratio to ruamel's own round-trip load + dump of the same text
  (goal ≤ 1.3×: everything we add on top of the round trip must be cheap);
- our JSON Schema step (jsonschema-rs, compiled once) against python-jsonschema on the same plain
  data (goal ≥ 50× faster), and our whole ``validate()`` (plain conversion of the round-trip tree,
  schema, and the semantic rules python-jsonschema does not have) against the same baseline.

Run: ``.venv/bin/python benchmarks/bench_pipeline.py [--sizes 100k,1m] [--repeat 3]``.
Numbers are medians of wall-clock time; the machine is shared, so expect ±30 % run to run.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synthetic

import asyncapi_tools
from asyncapi_tools import _yaml

SIZES = {"100k": 100_000, "1m": 1_000_000}


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def python_jsonschema_validator(version: str) -> Callable[[dict], int]:
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    from asyncapi_tools._schemas import load_schema

    schema = load_schema(version)

    def refuse(uri: str) -> Resource:
        raise LookupError(f"refusing to fetch {uri}")

    root = Resource.from_contents(schema, default_specification=DRAFT7)
    registry = Registry(retrieve=refuse).with_resource(root.id(), root).crawl()  # type: ignore[call-arg]
    validator = Draft7Validator(schema, registry=registry)
    return lambda data: sum(1 for _ in validator.iter_errors(data))


def bench(label: str, size: int, repeat: int, workdir: Path) -> None:
    template_path = workdir / f"template_{label}.yaml"
    template_path.write_text(synthetic.template(size), encoding="utf-8")
    rendered_text = asyncapi_tools.render_text(template_path.read_text(encoding="utf-8"))
    out = workdir / f"out_{label}.yaml"

    def ruamel_round_trip() -> None:
        _yaml.dump(_yaml.parse(rendered_text))

    def pipeline() -> None:
        doc = asyncapi_tools.render_file(template_path)
        asyncapi_tools.inject_titles(doc)
        diagnostics = asyncapi_tools.validate(doc)
        assert not [d for d in diagnostics if d.severity == "error"], diagnostics[:3]
        out.unlink(missing_ok=True)
        asyncapi_tools.write(doc, out)

    doc = asyncapi_tools.loads(rendered_text)
    plain = doc.plain()
    asyncapi_tools.validate(doc)  # compile the validator once, as a long-lived process would
    oracle = python_jsonschema_validator("3.0.0")
    oracle(plain)

    floor = median_seconds(ruamel_round_trip, repeat)
    ours = median_seconds(pipeline, repeat)
    from asyncapi_tools._validate import VALIDATORS

    engine, _ = VALIDATORS.get("3.0.0")
    ours_schema = median_seconds(lambda: list(engine.iter_errors(plain)), max(repeat, 5))
    ours_validate = median_seconds(lambda: asyncapi_tools.validate(doc), max(repeat, 5))
    theirs_validate = median_seconds(lambda: oracle(plain), repeat)

    kb = len(rendered_text.encode()) / 1000
    print(f"\n{label}: {kb:,.0f} kB rendered")
    print(f"  ruamel round-trip load+dump      {floor * 1000:9.1f} ms")
    print(f"  render→titles→validate→write     {ours * 1000:9.1f} ms   ratio {ours / floor:5.2f}×  (goal ≤ 1.30×)")
    print(f"  python-jsonschema iter_errors     {theirs_validate * 1000:9.1f} ms")
    print(f"  jsonschema-rs, same plain data    {ours_schema * 1000:9.1f} ms   {theirs_validate / ours_schema:6.1f}× faster  (goal ≥ 50×)")
    print(f"  validate(): plain + schema + rules {ours_validate * 1000:8.1f} ms   {theirs_validate / ours_validate:6.1f}× faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1m", help="comma-separated: 100k, 1m")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes.split(","):
            bench(label, SIZES[label], args.repeat, Path(tmp))


if __name__ == "__main__":
    main()
