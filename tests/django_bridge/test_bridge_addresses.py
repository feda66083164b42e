"""Channel paths → addresses: every parameter form becomes ``{name}`` and is declared once."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from django_bridge.addresses import parse

NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
LITERALS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
FORMS = st.sampled_from(["route", "typed", "braces", "regex"])


def spelled(name: str, form: str) -> str:
    return {
        "route": f"<{name}>",
        "typed": f"<int:{name}>",
        "braces": "{" + name + "}",
        "regex": f"(?P<{name}>[^/]+(?:-(x|y)){{1,2}})",
    }[form]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(LITERALS, NAMES, FORMS), min_size=0, max_size=4, unique_by=lambda t: t[1]), st.booleans())
def test_every_parameter_form_becomes_an_expression(segments, anchored) -> None:
    path = "".join(f"/{literal}/{spelled(name, form)}" for literal, name, form in segments) + "/"
    if anchored:
        path = "^" + path + "$"
    address = parse(path)
    expected = "".join(f"/{literal}/{{{name}}}" for literal, name, _ in segments) + "/"
    assert address.text == expected
    assert [p.name for p in address.parameters] == [name for _, name, _ in segments]
    assert set(re.findall(r"\{(\w+)\}", address.text)) == {p.name for p in address.parameters}
    assert address.label == (segments[-1][0] if segments else "")


def test_descriptions_say_where_a_parameter_comes_from() -> None:
    address = parse(r"^ws/rides/<int:ride_id>/(?P<leg>\d+)/{stop}/$")
    assert address.text == "ws/rides/{ride_id}/{leg}/{stop}/"
    assert [p.description for p in address.parameters] == [
        "Path parameter `ride_id` (Django converter `int`).",
        "Path parameter `leg` (regex `\\d+`).",
        "Path parameter `stop`.",
    ]
    assert address.label == "rides"


def test_plain_paths_have_no_parameters() -> None:
    assert parse("/ws/dispatch/").parameters == ()
    assert parse("/").label == ""
