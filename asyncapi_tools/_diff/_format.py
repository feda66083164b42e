"""Printing changes: text for terminals, json for tools, markdown for PR comments, junit for CI
test reports, and GitHub workflow annotations (``::error file=...,line=...::``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ._model import LEVEL_RANK, DiffChange, Level

if TYPE_CHECKING:
    from .._document import Document


def failing(changes: Sequence[DiffChange], fail_on: Level | None) -> list[DiffChange]:
    """The changes at or above ``fail_on`` (none when it is None)."""
    if fail_on is None:
        return []
    return [change for change in changes if LEVEL_RANK[change.level] <= LEVEL_RANK[fail_on]]


def counts(changes: Sequence[DiffChange]) -> str:
    tally = {level: sum(1 for c in changes if c.level == level) for level in LEVEL_RANK}
    return f"{tally['error']} error, {tally['warn']} warn, {tally['info']} info"


def text(changes: Sequence[DiffChange], *, fail_on: Level | None = None) -> str:
    lines = []
    for change in changes:
        place = change.new or change.old
        lines.append(f"{place}: {change.level}[{change.check}]: {change.message}")
        lines.append(f"  old: {change.old or '-'}  new: {change.new or '-'}")
        lines.append(f"  who breaks: {change.why}")
    lines.append(f"{len(changes)} change{'s' if len(changes) != 1 else ''} ({counts(changes)})")
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[DiffChange], *, fail_on: Level | None = None) -> str:
    return json.dumps([change.to_dict() for change in changes], indent=2, ensure_ascii=False) + "\n"


def markdown(changes: Sequence[DiffChange], *, fail_on: Level | None = None) -> str:
    """A PR comment: a verdict line, then one table row per change (most severe first)."""
    breaking = [c for c in changes if c.level == "error"]
    head = "### AsyncAPI changes\n\n"
    if not changes:
        return head + "No changes.\n"
    verdict = f"**{len(breaking)} breaking**" if breaking else "No breaking changes"
    lines = [head + f"{verdict} ({counts(changes)}).\n", "| level | check | change | old | new | who breaks |", "|---|---|---|---|---|---|"]
    for change in changes:
        cells = [change.level, f"`{change.check}`", change.message, str(change.old or "-"), str(change.new or "-"), change.why]
        lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def junit(changes: Sequence[DiffChange], *, fail_on: Level | None = None) -> str:
    """One test case per change; the ones ``--fail-on`` counts are failures (errors without it:
    a test report with no failures would hide breaking changes)."""
    failed = {id(c) for c in failing(changes, fail_on or "error")}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="asyncapi-tools diff" tests="{len(changes)}" failures="{len(failed)}">',
        f'  <testsuite name="asyncapi-tools diff" tests="{len(changes)}" failures="{len(failed)}">',
    ]
    for change in changes:
        name = quoteattr(f"{change.check}: {change.message}")
        classname = quoteattr(f"{change.level}.{change.check}")
        if id(change) in failed:
            body = escape(f"{change.message}\nold: {change.old or '-'}\nnew: {change.new or '-'}\n{change.why}")
            out.append(f"    <testcase classname={classname} name={name}>")
            out.append(f"      <failure type={quoteattr(change.level)} message={quoteattr(change.why)}>{body}</failure>")
            out.append("    </testcase>")
        else:
            out.append(f"    <testcase classname={classname} name={name}/>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


_GITHUB_LEVEL = {"error": "error", "warn": "warning", "info": "notice"}


def github(changes: Sequence[DiffChange], *, fail_on: Level | None = None) -> str:
    """Workflow commands: GitHub shows each change on the line of the new (or old) file."""
    lines = []
    for change in changes:
        place = change.new or change.old
        props = []
        if place is not None and not place.file.startswith("git:"):
            props.append(f"file={_prop(place.file)}")
            if place.line is not None:
                props.append(f"line={place.line}")
            if place.column is not None:
                props.append(f"col={place.column}")
        props.append(f"title={_prop(change.check)}")
        body = f"{change.message} (old: {change.old or '-'}). {change.why}"
        lines.append(f"::{_GITHUB_LEVEL[change.level]} {','.join(props)}::{_data(body)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "junit": junit,
    "github": github,
}


def render(changes: Sequence[DiffChange], fmt: str, *, fail_on: Level | None = None) -> str:
    return FORMATTERS[fmt](changes, fail_on=fail_on)


def drift_report(committed: str, regenerated: Document) -> str:
    """What replacing the ``committed`` file with ``regenerated`` would break for clients: the
    error and warn changes as text, or ``""`` when there are none or the committed file cannot be
    read (a stale-spec check prints this under its unified diff)."""
    from .._errors import AsyncAPIToolsError
    from ._engine import diff

    try:
        changes = failing(diff(committed, regenerated), "warn")
    except AsyncAPIToolsError:
        return ""  # a missing or unreadable committed file: the unified diff already says it all
    if not changes:
        return ""
    return f"what the refresh changes for clients ({committed} -> regenerated):\n{text(changes)}"
