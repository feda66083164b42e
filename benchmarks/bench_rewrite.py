"""Benchmark: rewriting a committed spec (``inject-titles --in-place``, ``render`` onto an existing
file) against ruamel's own load + dump of the same text, and how small the diffs are.

Run: ``.venv/bin/python benchmarks/bench_rewrite.py [TARGET_BYTES ...]`` (default 100 kB and
1 MB; inputs from ``synthetic.py``). Printed, per size, in one run:

* ruamel round-trip load + dump of the committed text (the reference);
* ``inject-titles --in-place`` on the committed text (titles missing), as a ratio (goal <= 0.5);
* ``render`` of a changed template onto the committed file, as a ratio;
* lines changed vs titles added for that inject-titles run;

and then, for every corpus document (``ASYNCAPI_CORPUS`` or ``../shared/corpus``), lines changed
by ``inject-titles --in-place`` vs titles added, with the largest document first.
"""

from __future__ import annotations

import difflib
import os
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
from typer.testing import CliRunner

from asyncapi_tools import _yaml, render_text
from asyncapi_tools.cli import app

runner = CliRunner()


def timed(fn: Callable[[], Any], repeat: int, *, before: Callable[[], Any] | None = None) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs (``before`` runs untimed ahead of each)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"asyncapi-tools {' '.join(args)} failed:\n{result.output}")
    return result.output


def changed_lines(old: str, new: str) -> tuple[int, int]:
    """(lines removed, lines added) in a line diff from ``old`` to ``new``.

    ``autojunk`` off: difflib otherwise treats lines that repeat often (``type: object``) as junk
    and reports a longer diff than ``diff`` or ``git diff`` would show.
    """
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    removed = added = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return removed, added


def titles_in_place(path: Path) -> tuple[int, int, int]:
    """Run ``inject-titles --in-place`` on ``path``: (titles added, lines removed, lines added)."""
    before = path.read_text(encoding="utf-8")
    output = invoke("inject-titles", str(path), "--in-place")
    count = int(output.rsplit("(", 1)[1].split()[0])
    return (count, *changed_lines(before, path.read_text(encoding="utf-8")))


def bench_size(target: int, repeat: int) -> None:
    committed_text = render_text(synthetic.template(target))
    changed_template = synthetic.template(target, variant=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        committed = work / "asyncapi.yaml"
        template = work / "asyncapi.template.yaml"
        template.write_text(changed_template, encoding="utf-8")

        def reset() -> None:
            committed.write_text(committed_text, encoding="utf-8")

        def load_dump() -> None:
            _yaml.dump(_yaml.parse(committed_text))

        reference = timed(load_dump, repeat)
        titles = timed(lambda: invoke("inject-titles", str(committed), "--in-place"), repeat, before=reset)
        render = timed(lambda: invoke("render", str(template), "-o", str(committed), "--no-validate"), repeat, before=reset)
        reset()
        count, removed, added = titles_in_place(committed)
        print(f"{len(committed_text):>10,} bytes  ruamel load+dump {reference * 1000:7.0f} ms")
        print(f"{'':>16} inject-titles --in-place {titles * 1000:7.0f} ms  ratio {titles / reference:5.2f}  (goal <= 0.5)")
        print(f"{'':>16} render onto existing     {render * 1000:7.0f} ms  ratio {render / reference:5.2f}")
        print(f"{'':>16} {count} titles added: -{removed} +{added} lines")


def documents_root() -> Path:
    root = Path(os.environ.get("ASYNCAPI_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    return root.resolve() / "asyncapi-examples"


def corpus_documents() -> list[Path]:
    examples = documents_root()
    if not examples.is_dir():
        return []
    found = [p for p in examples.rglob("*") if p.suffix in {".yml", ".yaml"} and "common" not in p.relative_to(examples).parts]
    return sorted(found, key=lambda p: -p.stat().st_size)


def bench_corpus() -> None:
    documents = corpus_documents()
    if not documents:
        print("corpus: not found (set ASYNCAPI_CORPUS)")
        return
    print("corpus: inject-titles --in-place, lines changed vs titles added (the largest document first)")
    with tempfile.TemporaryDirectory() as tmp:
        totals = [0, 0, 0]
        for number, source in enumerate(documents):
            copy = Path(tmp) / f"{number}-{source.name}"
            copy.write_bytes(source.read_bytes())
            try:
                count, removed, added = titles_in_place(copy)
            except SystemExit as exc:  # an invalid corpus document: say so and go on
                print(f"  {source.name}: {str(exc).splitlines()[0]}")
                continue
            totals = [totals[0] + count, totals[1] + removed, totals[2] + added]
            print(f"  {source.stat().st_size:>8,} B  {count:4} titles  -{removed:<4} +{added:<4} {source.relative_to(documents_root())}")
        print(f"  total: {totals[0]} titles, -{totals[1]} +{totals[2]} lines over {len(documents)} documents")


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000]
    for target in sizes:
        bench_size(target, repeat=3 if target <= 200_000 else 1)
    bench_corpus()


if __name__ == "__main__":
    main()
