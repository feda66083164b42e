"""Properties of merge and rewrite on random nested, commented documents (hypothesis)."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asyncapi_tools import _yaml, loads, merge
from asyncapi_tools._yaml.edit import rewrite
from asyncapi_tools._yaml.equality import data_equal

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.text("abcdefghij", min_size=1, max_size=4).map(lambda s: "k" + s)
words = st.text("abcdefghij", min_size=1, max_size=6).map(lambda s: "s" + s)
scalars = st.one_of(st.integers(-5, 500), words, st.booleans(), words.map(lambda s: s + " with space"))


def mapping(children: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(names, children, min_size=1, max_size=4)


named_list = st.lists(
    st.fixed_dictionaries({"name": words}, optional={"description": words}), min_size=1, max_size=3, unique_by=lambda i: i["name"]
)
values = st.recursive(
    st.one_of(scalars, st.lists(scalars, min_size=1, max_size=3), named_list),
    mapping,
    max_leaves=8,
)
documents = mapping(values)


def scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and " " in value:
        return f"'{value}'"
    return str(value)


def emit(data: dict[str, Any], counter: itertools.count[int], indent: int = 0) -> tuple[list[str], dict[tuple[str, ...], int]]:
    """YAML text with an end-of-line and a leading comment on every mapping key."""
    lines: list[str] = []
    comments: dict[tuple[str, ...], int] = {}
    pad = " " * indent
    for key, value in data.items():
        n = next(counter)
        comments[(key,)] = n
        lines.append(f"{pad}# lead{n}")
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:  # c{n}")
            inner, inner_comments = emit(value, counter, indent + 2)
            lines.extend(inner)
            comments.update({(key, *path): m for path, m in inner_comments.items()})
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:  # c{n}")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        lines.append(f"{pad}  {'- ' if first else '  '}{k}: {scalar_text(v)}")
                        first = False
                else:
                    lines.append(f"{pad}  - {scalar_text(item)}")
        else:
            lines.append(f"{pad}{key}: {scalar_text(value)}  # c{n}")
    return lines, comments


def commented(data: dict[str, Any]) -> tuple[str, dict[tuple[str, ...], int]]:
    lines, comments = emit(data, itertools.count())
    return "\n".join(lines) + "\n", comments


@st.composite
def overlay_for(draw: st.DrawFn, base: Any) -> Any:
    """An overlay that changes, deletes and adds nodes but never puts a mapping against a non-mapping."""
    if isinstance(base, dict):
        result: dict[str, Any] = {}
        for key, value in base.items():
            action = draw(st.sampled_from(["keep", "keep", "recurse", "delete"]))
            if action == "delete":
                result[key] = None
            elif action == "recurse":
                result[key] = draw(overlay_for(value))
        for key in draw(st.lists(names, max_size=2)):
            if key not in base:
                result[key] = draw(values)
        return result
    if isinstance(base, list) and base and isinstance(base[0], dict):
        return draw(st.one_of(named_list, st.lists(scalars, min_size=1, max_size=2)))
    return draw(st.one_of(scalars, st.lists(scalars, max_size=2)))


def surviving(comments: dict[tuple[str, ...], int], data: Any) -> list[int]:
    kept = []
    for path, n in comments.items():
        node = data
        for step in path:
            if not isinstance(node, dict) or step not in node:
                break
            node = node[step]
        else:
            kept.append(n)
    return kept


@SETTINGS
@given(documents)
def test_merge_with_no_or_empty_overlay_is_byte_identical(data: dict[str, Any]) -> None:
    text, _ = commented(data)
    doc = loads(text, source="base.yaml")
    assert _yaml.dump(doc.tree) == text
    assert _yaml.dump(merge(doc).tree) == text
    assert _yaml.dump(merge(doc, loads("{}\n", source="empty.yaml")).tree) == text


@SETTINGS
@given(st.data())
def test_merge_keeps_surviving_comments_and_is_idempotent(data: st.DataObject) -> None:
    base_data = data.draw(documents)
    patch = data.draw(overlay_for(base_data))
    text, comments = commented(base_data)
    base = loads(text, source="base.yaml")
    overlay = loads(_yaml.dump(_yaml.from_plain(patch)), source="overlay.yaml")
    once = merge(base, overlay)
    out = _yaml.dump(once.tree)
    reloaded = _yaml.to_plain(_yaml.parse(out))
    assert data_equal(reloaded, _yaml.to_plain(once.tree))
    for n in surviving(comments, reloaded):
        assert f"# c{n}\n" in out, n
        assert f"# lead{n}\n" in out, n
    assert _yaml.dump(merge(once, overlay).tree) == out


@SETTINGS
@given(st.data())
def test_rewrite_reaches_the_new_data_and_keeps_surviving_comments(data: st.DataObject) -> None:
    base_data = data.draw(documents)
    target = _yaml.to_plain(merge(loads(_yaml.dump(_yaml.from_plain(base_data))), loads(_yaml.dump(_yaml.from_plain(data.draw(overlay_for(base_data)))))).tree)
    text, comments = commented(base_data)
    tree = _yaml.parse(text)
    assert rewrite(tree, target) is not data_equal(base_data, target)
    out = _yaml.dump(tree)
    assert data_equal(_yaml.to_plain(_yaml.parse(out)), target)
    for n in surviving(comments, target):
        assert f"# c{n}\n" in out and f"# lead{n}\n" in out, n
    tree = _yaml.parse(out)
    assert rewrite(tree, target) is False
    assert _yaml.dump(tree) == out
