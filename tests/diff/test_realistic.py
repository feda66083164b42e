"""Realistic pairs, both directions: our verdict, and the official @asyncapi/diff's beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

import asyncapi_tools
from tests._support.official_diff import official_diff_many

from .realistic import BASE, PAIRS, Pair


def errors(tmp_path: Path, old: str, new: str) -> set[str]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return {c.check for c in asyncapi_tools.diff(tmp_path / "old.yaml", tmp_path / "new.yaml") if c.level == "error"}


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_forward(pair: Pair, tmp_path: Path) -> None:
    assert errors(tmp_path, BASE, pair.edited()) == pair.forward


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_backward(pair: Pair, tmp_path: Path) -> None:
    assert errors(tmp_path, pair.edited(), BASE) == pair.backward


def test_every_edited_document_is_valid() -> None:
    for text in [BASE, *(pair.edited() for pair in PAIRS)]:
        found = asyncapi_tools.validate(asyncapi_tools.loads(text))
        assert [d.format() for d in found if d.severity == "error"] == []


def test_pairs_cover_both_directions_and_doc_edits() -> None:
    assert any(not p.forward and not p.backward for p in PAIRS)
    assert {c for p in PAIRS for c in p.forward | p.backward if c.startswith("request-")}
    assert {c for p in PAIRS for c in p.forward | p.backward if c.startswith("response-")}


#: (pair, direction) -> (what @asyncapi/diff 0.5.0 says, what we say), measured by the test
#: below on the same documents. It calls nothing breaking but the info.version bump (a false
#: alarm, asyncapi/diff#150) and leaves every payload change, breaking or not, "unclassified".
OFFICIAL: dict[tuple[str, str], tuple[str, str]] = {
    ('description edits', 'forward'): ('unclassified', 'safe'),
    ('description edits', 'backward'): ('unclassified', 'safe'),
    ('example edit', 'forward'): ('unclassified', 'safe'),
    ('example edit', 'backward'): ('unclassified', 'safe'),
    ('info.version bump', 'forward'): ('breaking', 'safe'),
    ('info.version bump', 'backward'): ('breaking', 'safe'),
    ('schema moved into components', 'forward'): ('unclassified', 'safe'),
    ('schema moved into components', 'backward'): ('unclassified', 'safe'),
    ('client must send a new field', 'forward'): ('unclassified', 'breaking'),
    ('client must send a new field', 'backward'): ('unclassified', 'safe'),
    ('client field becomes optional', 'forward'): ('unclassified', 'safe'),
    ('client field becomes optional', 'backward'): ('unclassified', 'breaking'),
    ('vehicle class dropped', 'forward'): ('unclassified', 'breaking'),
    ('vehicle class dropped', 'backward'): ('unclassified', 'safe'),
    ('note limit tightened', 'forward'): ('unclassified', 'breaking'),
    ('note limit tightened', 'backward'): ('unclassified', 'safe'),
    ('seats type narrowed', 'forward'): ('unclassified', 'breaking'),
    ('seats type narrowed', 'backward'): ('unclassified', 'safe'),
    ('pickup latitude bound in a shared schema', 'forward'): ('unclassified', 'breaking'),
    ('pickup latitude bound in a shared schema', 'backward'): ('unclassified', 'safe'),
    ('discriminator renamed', 'forward'): ('unclassified', 'breaking'),
    ('discriminator renamed', 'backward'): ('unclassified', 'breaking'),
    ('reply loses a field', 'forward'): ('unclassified', 'breaking'),
    ('reply loses a field', 'backward'): ('unclassified', 'safe'),
    ('reply field becomes optional', 'forward'): ('unclassified', 'breaking'),
    ('reply field becomes optional', 'backward'): ('unclassified', 'safe'),
    ('new ride status', 'forward'): ('unclassified', 'breaking'),
    ('new ride status', 'backward'): ('unclassified', 'safe'),
    ('eta may be null', 'forward'): ('unclassified', 'breaking'),
    ('eta may be null', 'backward'): ('unclassified', 'safe'),
    ('new event variant', 'forward'): ('unclassified', 'breaking'),
    ('new event variant', 'backward'): ('unclassified', 'safe'),
    ('stop address removed inside array items', 'forward'): ('unclassified', 'breaking'),
    ('stop address removed inside array items', 'backward'): ('unclassified', 'safe'),
    ('driver rating becomes a string', 'forward'): ('unclassified', 'breaking'),
    ('driver rating becomes a string', 'backward'): ('unclassified', 'breaking'),
    ('ping gets a required field', 'forward'): ('unclassified', 'breaking'),
    ('ping gets a required field', 'backward'): ('unclassified', 'breaking'),
    ('ping timestamp format', 'forward'): ('unclassified', 'safe'),
    ('ping timestamp format', 'backward'): ('unclassified', 'safe'),
}


@pytest.mark.node
@pytest.mark.slow
def test_official_verdicts_recorded() -> None:
    jobs: list[tuple[str, str]] = []
    keys: list[tuple[str, str]] = []
    for pair in PAIRS:
        jobs += [(BASE, pair.edited()), (pair.edited(), BASE)]
        keys += [(pair.name, "forward"), (pair.name, "backward")]
    verdicts = official_diff_many(jobs)
    measured = {}
    for key, verdict, pair in zip(keys, verdicts, [p for p in PAIRS for _ in (0, 1)], strict=True):
        ours = pair.forward if key[1] == "forward" else pair.backward
        measured[key] = (verdict.verdict, "breaking" if ours else "safe")
    assert measured == OFFICIAL
    disagreements = [key for key, (theirs, ours) in measured.items() if theirs != ours]
    assert ("info.version bump", "forward") in disagreements
