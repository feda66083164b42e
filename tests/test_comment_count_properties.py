"""Every comment token goes in once and comes out once: titles, rewrite and merge (hypothesis).

Documents are AsyncAPI-shaped and carry a uniquely numbered comment in every position a
hand-written file has one: the head, above every key (so above the first key of every nested
mapping, where titles are inserted), at the end of every key line, above and after list items,
after block scalars, and the footer. The count is taken on the output text.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asyncapi_tools import _yaml, inject_titles, loads, merge
from asyncapi_tools._yaml.edit import rewrite
from asyncapi_tools._yaml.equality import data_equal

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARK = re.compile(r"# (cm\d+)\b")

words = st.sampled_from(["alpha", "beta", "gamma", "delta", "ride id", "x-y"])
names = st.sampled_from(["pickup", "drop_off", "stops", "kind", "note", "at", "meta"])


class Block(str):
    """A string the emitter writes as a literal block scalar."""


scalars = st.one_of(words, st.integers(0, 99), st.booleans(), words.map(lambda w: Block(f"{w}\nsecond line\n")))
schemas = st.recursive(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "number"])}, optional={"description": scalars}),
    lambda children: st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("object"), "properties": st.dictionaries(names, children, min_size=1, max_size=3)},
            optional={"description": scalars, "required": st.lists(names, min_size=1, max_size=2, unique=True)},
        ),
        st.fixed_dictionaries({"type": st.just("array"), "items": children}),
        st.fixed_dictionaries({"type": st.just("string"), "enum": st.lists(words, min_size=1, max_size=3, unique=True)}),
    ),
    max_leaves=6,
)


@st.composite
def documents(draw: st.DrawFn, prefix: str = "c") -> dict[str, Any]:
    channels = {}
    for index in range(draw(st.integers(1, 2))):
        messages = {f"{prefix}m{index}{j}": {"payload": draw(schemas)} for j in range(draw(st.integers(1, 2)))}
        channels[f"{prefix}ch{index}"] = {"address": f"/{prefix}/{index}", "messages": messages}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": draw(words), "version": "1.0.0", "description": draw(scalars)},
        "channels": channels,
        "components": {"messages": {f"{prefix}shared": {"payload": draw(schemas)}}},
    }


class Comments:
    """Numbered comments, each position filled or left empty at random (both matter: a
    ``key:`` line with an end-of-line comment stores the lines below it elsewhere)."""

    def __init__(self, counter: itertools.count[int], rnd: random.Random) -> None:
        self.counter = counter
        self.rnd = rnd

    def line(self, pad: str) -> list[str]:
        return [f"{pad}# cm{next(self.counter)}"] if self.rnd.random() < 0.7 else []

    def eol(self) -> str:
        return f"  # cm{next(self.counter)}" if self.rnd.random() < 0.7 else ""


def emit(data: dict[str, Any], counter: itertools.count[int], rnd: random.Random) -> str:
    """YAML with numbered comments in every kind of position (head, lead, end of line, list
    items, after block scalars, footer)."""
    comments = Comments(counter, rnd)
    lines = comments.line("") + comments.line("")
    _mapping(data, 0, comments, lines)
    lines.extend(comments.line(""))
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and (" " in value or value in {"3.0.0", "1.0.0"}):
        return f"'{value}'"
    return str(value)


def _mapping(data: dict[str, Any], indent: int, comments: Comments, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        lines.extend(comments.line(pad))
        if isinstance(value, Block):
            lines.append(f"{pad}{key}: |")
            lines.extend(f"{pad}  {line}" for line in value.splitlines())
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:{comments.eol()}")
            _mapping(value, indent + 2, comments, lines)
        elif isinstance(value, list) and key == "enum":
            lines.append(f"{pad}{key}: [{', '.join(_scalar(item) for item in value)}]{comments.eol()}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:{comments.eol()}")
            for item in value:
                lines.extend(comments.line(pad + "  "))
                lines.append(f"{pad}  - {_scalar(item)}{comments.eol()}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}{comments.eol()}")


def marks(text: str) -> Counter[str]:
    return Counter(MARK.findall(text))


def once_each(text: str, expected: Counter[str]) -> None:
    found = marks(text)
    assert set(found) == set(expected), f"lost {set(expected) - set(found)}, new {set(found) - set(expected)}"
    assert [mark for mark, count in found.items() if count > 1] == []


@SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_titles_keep_every_comment_once(data: dict[str, Any], rnd: random.Random) -> None:
    text = emit(data, itertools.count(), rnd)
    document = loads(text)
    inject_titles(document)
    once_each(_yaml.dump(document.tree), marks(text))


@SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_rewriting_a_file_into_its_titled_twin_keeps_every_comment_once(data: dict[str, Any], rnd: random.Random) -> None:
    """The in-place path of ``inject-titles`` and ``render -o``: the file's own tree is rewritten
    into the titled document, and must come out exactly as the titled document dumps."""
    text = emit(data, itertools.count(), rnd)
    titled = loads(text)
    inject_titles(titled)
    existing = _yaml.parse(text)
    rewrite(existing, titled.tree)
    once_each(_yaml.dump(existing), marks(text))
    assert _yaml.dump(existing) == _yaml.dump(titled.tree)


@st.composite
def overlays(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """Changes a generator or a hand-written overlay makes: new scalar values, a new channel,
    new properties in an existing payload; never a list both sides have (lists are replaced)."""
    overlay: dict[str, Any] = {"info": {"version": draw(st.sampled_from(["1.0.0", "2.0.0"])), "title": draw(words)}}
    if draw(st.booleans()):
        overlay["info"]["description"] = draw(scalars)
    channel_id, channel = next(iter(base["channels"].items()))
    message_id, message = next(iter(channel["messages"].items()))
    payload: dict[str, Any] = {"type": message["payload"]["type"]}
    if message["payload"]["type"] == "object":
        payload["properties"] = {"added_" + draw(names): draw(schemas)}
    overlay["channels"] = {
        channel_id: {"address": "/moved", "messages": {message_id: {"payload": payload}}},
        "overlayChannel": {"address": "/new", "messages": {"fresh": {"payload": draw(schemas)}}},
    }
    return overlay


@SETTINGS
@given(st.data())
def test_merge_keeps_every_comment_of_both_sides_once(data: st.DataObject) -> None:
    base = data.draw(documents())
    overlay = data.draw(overlays(base))
    counter = itertools.count()
    rnd = data.draw(st.randoms(use_true_random=False))
    base_text, overlay_text = emit(base, counter, rnd), emit(overlay, counter, rnd)
    merged = merge(loads(base_text, source="base.yaml"), loads(overlay_text, source="overlay.yaml"))
    out = _yaml.dump(merged.tree)
    once_each(out, marks(base_text) + marks(overlay_text))
    assert data_equal(loads(out).plain(), merged.plain())
    inject_titles(merged)
    once_each(_yaml.dump(merged.tree), marks(base_text) + marks(overlay_text))
