"""Plain dataclasses are described without Pydantic, and the spec never shows it.

The shortcut (``django_bridge.payloads.plain_dataclass``) must write, byte for byte, the spec
Pydantic's path writes for the same class: each case builds the class twice from one recipe
(the schema cache lives on the class) and generates a spec once with the shortcut and once with
it turned off. Every case also asserts which path it took, so a shortcut that silently refused
everything would fail here rather than pass by comparing Pydantic with itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import keyword
import typing
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal, Optional

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field

from django_bridge import AsyncAPIGenerator, PayloadError, document_action, document_event
from django_bridge.payloads import json_copy, plain_dataclass

Recipe = Callable[[], type]


def spec_yaml(payload: type) -> str:
    """A spec with ``payload`` in both directions (validation and serialisation schemas)."""

    class Shop(AsyncJsonWebsocketConsumer):
        @document_action(payload=payload, examples=[])
        async def handle_order(self, content: Any) -> None: ...

        @document_event("order.placed", payload=payload)
        async def order_placed(self, event: Any) -> None: ...

    return AsyncAPIGenerator(Shop, channel_path="/ws/shop/").get_yaml()


def both_paths(recipe: Recipe, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(spec with the shortcut, spec with Pydantic) for two classes made by ``recipe``."""
    shortcut = spec_yaml(recipe())
    with monkeypatch.context() as patch:
        patch.setattr(plain_dataclass, "read", lambda payload: None)
        pydantic = spec_yaml(recipe())
    return shortcut, pydantic


def make(fields: list[Any], doc: str | None = None, name: str = "Order") -> Recipe:
    def recipe() -> type:
        made = dataclasses.make_dataclass(name, fields)
        made.__module__ = __name__
        if doc is not None:
            made.__doc__ = doc
        return made

    return recipe


def nested_once() -> dict[str, type]:
    """Dataclasses to nest: ``Where`` holds a ``Point`` two levels down."""
    point = dataclasses.make_dataclass("Point", [("lat", float), ("lng", float)])
    where = dataclasses.make_dataclass("Where", [("point", point), ("label", Optional[str], dataclasses.field(default=None))])  # noqa: UP045
    where.__doc__ = "Where the order goes."
    made = {"Where": where}
    for name in ("Stop", "Code", "Fallback"):
        made[name] = dataclasses.make_dataclass(name, [("value", str)])
    for made_class in [point, *made.values()]:
        made_class.__module__ = __name__
    return made


WHERE, STOP, CODE, FALLBACK = nested_once().values()
STATUS = enum.Enum("Status", {"OPEN": "open", "CLOSED": "closed"})  # type: ignore[misc]
STATUS.__doc__ = "Where an order stands."
LEVEL = enum.IntEnum("Level", {"LOW": 1, "HIGH": 2})  # type: ignore[misc]
KIND = enum.Enum("Kind", {"PICKUP": "pickup"}, type=str)  # type: ignore[misc]
WHERE_KIND = enum.Enum("WhereKind", {"INSIDE": 1, "OUTSIDE": 2})  # type: ignore[misc]
#: a class used twice that holds a class used once and a shared one (Pydantic numbers them so)
TRIP = dataclasses.make_dataclass("Trip", [("leg", dataclasses.make_dataclass("Leg", [("km", float)])), ("stop", STOP)])

PLAIN: dict[str, Recipe] = {
    "every known type": make(
        [
            ("id", uuid.UUID),
            ("name", str),
            ("price", decimal.Decimal),
            ("weight", float),
            ("paid", bool),
            ("blob", bytes),
            ("at", datetime.datetime),
            ("on", datetime.date),
            ("when", datetime.time),
            ("took", datetime.timedelta),
            ("extra", typing.Any),
            ("loose_list", list),
            ("loose_map", dict),
            ("any_list", list[Any]),
            ("any_map", typing.Dict[str, Any]),  # noqa: UP006 -- the older spelling is the same type
            ("any_or_null", Optional[Any]),  # noqa: UP045
            ("nested_any", list[dict[str, Any]]),
        ]
    ),
    "defaults and factories": make(
        [
            ("name", str),
            ("count", int, dataclasses.field(default=0)),
            ("ratio", float, dataclasses.field(default=0.5)),
            ("tags", list[str], dataclasses.field(default_factory=list)),
            ("labels", dict[str, str], dataclasses.field(default_factory=dict)),
            ("note", Optional[str], dataclasses.field(default=None)),  # noqa: UP045
            ("size", int | None, dataclasses.field(default=None)),
            ("shape", dict[str, Any], dataclasses.field(default_factory=lambda: {"a": [1, None]})),
            ("fixed", list[int], dataclasses.field(default_factory=lambda: [1, 2])),
            ("listed_default", list[int], dataclasses.field(default=None)),
        ]
    ),
    "nesting": make(
        [
            ("grid", list[list[int]]),
            ("index", dict[str, list[Optional[uuid.UUID]]]),  # noqa: UP045
            ("maybe_list", Optional[list[str]]),  # noqa: UP045 -- optional, no default: not required
            ("typing_spelling", typing.List[typing.Dict[str, int]]),  # noqa: UP006
        ]
    ),
    "nested dataclasses": make(
        [
            ("where", WHERE),
            ("stops", list[STOP]),  # type: ignore[valid-type]
            ("by_code", dict[str, CODE]),  # type: ignore[valid-type]
            ("fallback", Optional[FALLBACK], dataclasses.field(default=None)),  # noqa: UP045
        ]
    ),
    "shared nested dataclasses": make(
        [
            ("from_stop", STOP),
            ("where", WHERE),
            ("stops", list[STOP]),  # type: ignore[valid-type]
            ("trip", TRIP),
            ("back", Optional[TRIP]),  # noqa: UP045
        ]
    ),
    "enums, each used once": make(
        [
            ("status", STATUS),
            ("kinds", list[KIND]),
            ("where", Optional[WHERE_KIND], dataclasses.field(default=None)),  # noqa: UP045
            ("at_level", LEVEL, dataclasses.field(default=LEVEL.HIGH)),
        ]
    ),
    "literal tags": make(
        [
            ("type", Literal["order.placed"]),
            ("kind", Literal["pickup", "delivery", "dine-in"]),
            ("version", Literal[2]),
            ("levels", list[Literal[1, 2, 3]]),
            ("channel", Optional[Literal["web", "app"]]),  # noqa: UP045
            ("source", Literal["shop"], dataclasses.field(default="shop")),
        ]
    ),
    "NewType identifiers": make(
        [
            ("id", typing.NewType("OrderID", uuid.UUID)),
            ("sku", typing.NewType("Sku", typing.NewType("Code", str))),  # a NewType of a NewType
            ("related", list[typing.NewType("OrderID", uuid.UUID)]),  # type: ignore[misc]
        ]
    ),
    "keyword-only fields": make(
        [
            ("tag", str, dataclasses.field(kw_only=True)),
            ("id", uuid.UUID),
            ("note", Optional[str], dataclasses.field(kw_only=True, default=None)),  # noqa: UP045
            ("count", int, dataclasses.field(default=0)),
        ]
    ),
    "docstring": make(
        [("x", int)], doc="An order.\n\n    Placed by a customer; the shop confirms it."
    ),
    "no fields": make([]),
    "every field optional": make([("a", int, dataclasses.field(default=1))]),
}


@pytest.mark.parametrize("case", PLAIN)
def test_a_plain_dataclass_takes_the_shortcut_and_writes_what_pydantic_writes(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = PLAIN[case]
    plain = plain_dataclass.read(recipe())
    assert plain is not None and plain_dataclass.describe(plain, "in") is not None
    shortcut, pydantic = both_paths(recipe, monkeypatch)
    assert shortcut == pydantic


def test_string_annotations_are_resolved_as_pydantic_resolves_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # this module has `from __future__ import annotations`: the class's field types are strings
    def recipe() -> type:
        @dataclasses.dataclass
        class Ticket:
            """A ticket."""

            code: str
            seats: list[int] = dataclasses.field(default_factory=list)
            holder: Optional[uuid.UUID] = None  # noqa: UP045

        return Ticket

    assert isinstance(dataclasses.fields(recipe())[0].type, str)
    assert plain_dataclass.read(recipe()) is not None
    shortcut, pydantic = both_paths(recipe, monkeypatch)
    assert (
        shortcut == pydantic
    )  # (the docstring is the description where the installed Pydantic writes one)


class Mixed(enum.Enum):
    TEXT = "text"
    NUMBER = 1


class Permission(enum.Flag):
    READ = 1
    WRITE = 2


class Size(enum.Enum):
    SMALL = "s"
    LITTLE = "s"  # an alias of SMALL


@dataclasses.dataclass
class Node:
    parent: Optional[Node] = None  # noqa: UP045


NOT_PLAIN: dict[str, Recipe] = {
    "a literal of mixed kinds": make([("either", Literal["order", 1])]),
    "a literal of booleans": make([("flag", Literal[True])]),
    "a literal with None": make([("maybe", Literal["order", None])]),
    "an enum of mixed values": make([("mixed", Mixed)]),
    "a flag enum": make([("flags", Permission)]),
    "an enum with an alias": make([("size", Size)]),
    "a dataclass nesting itself": lambda: Node,
    "a union of two types": make([("either", int | str)]),
    "a non-JSON default": make(
        [("price", decimal.Decimal, dataclasses.field(default=decimal.Decimal("1.50")))]
    ),
    "a tuple": make([("pair", tuple[int, int])]),
    "a set": make([("tags", set[str])]),
    "int-keyed dict": make([("by_id", dict[int, str])]),
    "field metadata": make([("x", int, dataclasses.field(metadata={"unit": "kg"}))]),
    "a non-init field": make([("x", int, dataclasses.field(init=False, default=0))]),
    "an InitVar": make([("secret", dataclasses.InitVar[str])]),
}


@pytest.mark.parametrize("case", NOT_PLAIN)
def test_anything_else_goes_to_pydantic_unchanged(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe = NOT_PLAIN[case]
    assert plain_dataclass.read(recipe()) is None
    shortcut, pydantic = both_paths(recipe, monkeypatch)
    assert shortcut == pydantic


def test_pydantic_dataclasses_and_classes_with_pydantic_hooks_go_to_pydantic() -> None:
    import pydantic

    @pydantic.dataclasses.dataclass
    class Checked:
        x: int

    @dataclasses.dataclass
    class Hooked:
        x: int

        @classmethod
        def __get_pydantic_json_schema__(cls, core: Any, handler: Any) -> Any:
            return {"type": "object", "description": "custom"}

    @dataclasses.dataclass
    class Base:
        x: int

    class NotItselfADataclass(Base):
        pass

    for payload in (Checked, Hooked, NotItselfADataclass):
        assert plain_dataclass.read(payload) is None, payload
    assert "description: custom" in spec_yaml(Hooked)


def test_annotated_constraints_in_string_annotations_go_to_pydantic(monkeypatch: pytest.MonkeyPatch) -> None:
    # this module's annotations are strings: reading them must keep Annotated's metadata
    def recipe() -> type:
        @dataclasses.dataclass
        class Seats:
            count: Annotated[int, Field(gt=0)]
            label: Annotated[str, "a plain note Pydantic ignores"] = ""

        return Seats

    assert plain_dataclass.read(recipe()) is None
    shortcut, pydantic = both_paths(recipe, monkeypatch)
    assert shortcut == pydantic and "exclusiveMinimum: 0" in shortcut


def test_an_unresolvable_annotation_still_gets_pydantics_error() -> None:
    @dataclasses.dataclass
    class Broken:
        later: NotDefinedAnywhere  # type: ignore[name-defined]  # noqa: F821

    assert plain_dataclass.read(Broken) is None
    with pytest.raises(PayloadError, match="Broken"):
        spec_yaml(Broken)


def test_an_enum_used_twice_is_left_to_pydantic(monkeypatch: pytest.MonkeyPatch) -> None:
    # where Pydantic numbers an enum used twice differs between its versions (2.10: before the
    # payload's classes; 2.14: so too if every use is a bare field, else where first finished)
    recipe = make([("status", STATUS), ("previous", Optional[STATUS], dataclasses.field(default=None))])  # noqa: UP045
    plain = plain_dataclass.read(recipe())
    assert plain is not None and plain_dataclass.describe(plain, "in") is None
    shortcut, pydantic = both_paths(recipe, monkeypatch)
    assert shortcut == pydantic


def test_a_declined_class_is_adapted_by_pydantic_once_for_both_directions(monkeypatch: pytest.MonkeyPatch) -> None:
    import pydantic

    payload = make([("status", STATUS), ("previous", Optional[STATUS], dataclasses.field(default=None))])()  # noqa: UP045
    adapted: list[Any] = []
    original = pydantic.TypeAdapter.__init__

    def counted(self: Any, kind: Any, *args: Any, **kwargs: Any) -> None:
        adapted.append(kind)
        original(self, kind, *args, **kwargs)

    monkeypatch.setattr(pydantic.TypeAdapter, "__init__", counted)
    spec_yaml(payload)  # an action (validation schema) and an event (serialisation schema)
    assert [kind for kind in adapted if kind is payload] == [payload]


Change = Callable[["plain_dataclass.Described"], object]


def test_a_pydantic_that_writes_something_else_turns_the_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    real = plain_dataclass.calibration.ask_pydantic

    def changed(change: Change) -> Callable[[type, Any], Any]:
        def ask(probe: type, direction: Any) -> Any:
            schema, defs, definitions = real(probe, direction)
            answer = (schema, defs, json_copy(definitions))
            change(answer)
            return answer

        return ask

    def probe(answer: plain_dataclass.Described) -> dict[str, Any]:
        return answer[2][f"d{len(answer[1]) - 1}"]

    assert plain_dataclass.calibrate("in", real) is not None
    changes: list[Change] = [
        lambda answer: probe(answer).update(additionalProperties=False),  # a class keyword we never write
        lambda answer: probe(answer)["properties"]["listed"].update(uniqueItems=True),  # composition differs
        lambda answer: probe(answer)["properties"]["counted"].pop("default"),  # defaults written otherwise
        lambda answer: probe(answer).pop("required"),  # requiredness differs
        lambda answer: probe(answer).update(title="Renamed"),  # titles from somewhere else
        lambda answer: probe(answer).update(type=probe(answer).pop("type")),  # keys in another order
        lambda answer: answer[2]["d0"].update(title="Deep"),  # a nested class written otherwise
        lambda answer: answer[2].clear(),  # nothing usable at all
    ]
    for change in changes:
        assert plain_dataclass.calibrate("in", changed(change)) is None
    # definitions numbered in another order, references elsewhere, or no answer at all
    reordered = lambda probe, direction: (lambda a: (a[0], (a[1][1], a[1][0], *a[1][2:]), a[2]))(real(probe, direction))  # noqa: E731
    assert plain_dataclass.calibrate("in", reordered) is None
    assert plain_dataclass.calibrate("in", lambda probe, direction: ({"$ref": "#/$defs/other"}, *real(probe, direction)[1:])) is None
    assert plain_dataclass.calibrate("in", lambda probe, direction: None) is None
    # and with the calibration off, specs come from Pydantic (still the same bytes)
    monkeypatch.setattr(plain_dataclass, "_calibration", lambda direction: None)
    shortcut, pydantic = both_paths(PLAIN["shared nested dataclasses"], monkeypatch)
    assert shortcut == pydantic


# -- any shape the grammar allows ---------------------------------------------------------------

LEAF_TYPES = list(plain_dataclass.LEAVES)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3) | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner, max_size=2),
    max_leaves=4,
)
FIELD_NAMES = st.from_regex(r"_{0,2}[a-z][a-z_0-9]{0,6}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name))


def composed(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: (
            inner.map(lambda item: list[item])  # type: ignore[valid-type]
            | inner.map(lambda item: dict[str, item])  # type: ignore[valid-type]
            | inner.map(lambda item: typing.Optional[item])  # noqa: UP045
        ),
        max_leaves=3,
    )


LITERAL_VALUES = st.lists(st.text(max_size=3), min_size=1, max_size=4, unique=True) | st.lists(st.integers(-3, 300), min_size=1, max_size=4, unique=True)
LITERALS = LITERAL_VALUES.map(lambda values: Literal[tuple(values)])
LEAVES = st.sampled_from(LEAF_TYPES) | LITERALS


@st.composite
def enums(draw: st.DrawFn) -> type:
    values = draw(st.lists(st.text(max_size=3), min_size=1, max_size=3, unique=True) | st.lists(st.integers(0, 9), min_size=1, max_size=3, unique=True))
    base = draw(st.sampled_from([enum.Enum, str, int] if type(values[0]) is int else [enum.Enum, str]))
    kind: Any = enum.IntEnum if base is int else enum.Enum
    made: Any = kind("Choice", {f"M{index}": value for index, value in enumerate(values)}, **({"type": str} if base is str else {}))
    made.__module__ = __name__
    made.__doc__ = draw(st.none() | st.just("Documented choices."))
    return typing.cast("type", made)


@st.composite
def class_pool(draw: st.DrawFn) -> list[type]:
    """Up to four dataclasses to nest, each class's fields drawn from the known types and the
    classes made before it: so classes nest, and some are used more than once."""
    pool: list[type] = [draw(enums()) for _ in range(draw(st.integers(0, 2)))]
    for index in range(draw(st.integers(0, 4))):
        kinds = LEAVES | st.sampled_from(pool) if pool else LEAVES
        names = draw(st.lists(FIELD_NAMES, min_size=1, max_size=3, unique=True))
        made = dataclasses.make_dataclass(f"Part{index}", [(name, draw(composed(kinds))) for name in names])
        made.__module__ = __name__
        pool.append(made)
    return pool


def constant(value: Any) -> Callable[[], Any]:
    return lambda: value


@st.composite
def recipes(draw: st.DrawFn) -> Recipe:
    required: list[tuple[Any, ...]] = []
    defaulted = []
    pool = draw(class_pool())
    annotations = composed(LEAVES | st.sampled_from(pool)) if pool else composed(LEAVES)
    for name in draw(st.lists(FIELD_NAMES, max_size=5, unique=True)):
        annotation = draw(annotations)
        how = draw(st.sampled_from(["none", "default", "factory", "keyword"]))
        if how == "none":
            required.append((name, annotation))
        elif how == "keyword":  # keyword-only: Pydantic writes these after the others
            required.append((name, annotation, dataclasses.field(kw_only=True)))
        elif how == "default" and isinstance(annotation, enum.EnumMeta):
            defaulted.append((name, annotation, dataclasses.field(default=draw(st.sampled_from(list(annotation))))))
        elif how == "default" and not isinstance(annotation, type):  # (beside a bare class: Pydantic's)
            default = draw(JSON_VALUES.filter(lambda value: not isinstance(value, list | dict)))
            defaulted.append((name, annotation, dataclasses.field(default=default)))
        else:
            defaulted.append((name, annotation, dataclasses.field(default_factory=constant(draw(JSON_VALUES)))))
    doc = draw(st.none() | st.sampled_from(["One line.", "Title.\n\n    Body.", "Order(not a signature"]))
    return make([*required, *defaulted], doc=doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipe=recipes())
def test_any_plain_shape_writes_what_pydantic_writes(recipe: Recipe) -> None:
    plain = plain_dataclass.read(recipe())
    assert plain is not None  # (an enum drawn twice makes the payload Pydantic's: compared all the same)
    shortcut = spec_yaml(recipe())
    with pytest.MonkeyPatch.context() as patch:  # (the fixture is per test, not per example)
        patch.setattr(plain_dataclass, "read", lambda payload: None)
        pydantic = spec_yaml(recipe())
    assert shortcut == pydantic
