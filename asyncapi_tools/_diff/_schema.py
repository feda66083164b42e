"""Comparing two JSON Schemas by direction: what clients send vs what the server sends.

A request (client → server) breaks when the new schema accepts *less* than the old one: old
clients keep sending what used to pass. A response (server → client) breaks when the new schema
allows *more*: old clients get values they do not expect. Every keyword rule below therefore
names two check ids, one per direction, either of which may be None (the change is harmless
that way and not worth a line). References are followed on both sides, so a schema moved into
``components`` (or renamed there) compares by content, and each pair is compared once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from .._refs import REF
from ._direction import REQUEST, Direction
from ._matching import content
from ._nodes import Node
from ._report import Report

#: (request check, response check) for a change that makes the schema accept less / more.
Ids = tuple[str | None, str | None]

#: keyword -> (is an upper bound, ids when it tightens, ids when it loosens)
_BOUNDS: dict[str, tuple[bool, Ids, Ids]] = {
    "maxLength": (True, ("request-max-length-decreased", None), ("request-max-length-increased", "response-max-length-increased")),
    "minLength": (False, ("request-min-length-increased", None), ("request-min-length-decreased", "response-min-length-decreased")),
    "maximum": (True, ("request-maximum-decreased", None), ("request-maximum-increased", "response-maximum-increased")),
    "minimum": (False, ("request-minimum-increased", None), ("request-minimum-decreased", "response-minimum-decreased")),
    "maxItems": (True, ("request-max-items-decreased", None), (None, "response-max-items-increased")),
    "minItems": (False, ("request-min-items-increased", None), (None, "response-min-items-decreased")),
    "maxProperties": (True, ("request-max-properties-decreased", None), (None, None)),
}

#: exclusive bounds fold into their inclusive keyword: the direction of a change is what matters
_EXCLUSIVE = {"maximum": "exclusiveMaximum", "minimum": "exclusiveMinimum"}

_ANY_TYPE: frozenset[str] = frozenset()


class SchemaDiff:
    """One run's schema comparisons; remembers the pairs already compared (schemas are shared,
    and recursive schemas would otherwise never end)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._done: set[tuple[int, tuple[Any, ...], int, tuple[Any, ...], Direction]] = set()
        self._has_ref: dict[int, bool] = {}

    def compare(self, old: Node, new: Node, direction: Direction, label: str, path: str = "", *, top: bool = False) -> None:
        """Report how ``new`` differs from ``old`` for a message flowing in ``direction``.

        ``label`` names the message part (``payload of message `said```), ``path`` the property
        inside it; ``top`` marks the payload root, whose constant properties name the message.
        """
        o, n = _any_if_empty(old.resolved()), _any_if_empty(new.resolved())
        key = (id(o.doc), o.path, id(n.doc), n.path, direction)
        if key in self._done:
            return
        self._done.add(key)
        if o.value == n.value and not self._refs_inside(o.value):
            return
        if not isinstance(o.value, Mapping) or not isinstance(n.value, Mapping):
            if content(o.value) != content(n.value):
                self._emit(direction, ("request-type-changed", "response-type-changed"), f"{_at(path, label)} changed from {_short(o.value)} to {_short(n.value)}", o, n)
            return
        self._types(o, n, direction, label, path)
        self._values(o, n, direction, label, path)
        for keyword, (upper, tighter, looser) in _BOUNDS.items():
            self._bound(o, n, direction, label, path, keyword, upper=upper, tighter=tighter, looser=looser)
        self._strings(o, n, direction, label, path)
        self._flags(o, n, direction, label, path)
        self._properties(o, n, direction, label, path, top=top)
        self._additional(o, n, direction, label, path)
        items_old, items_new = o.child("items"), n.child("items")
        if isinstance(items_old.value, Mapping) and isinstance(items_new.value, Mapping):
            self.compare(items_old, items_new, direction, label, f"{path}[]")
        for keyword in ("oneOf", "anyOf"):
            self._variants(o, n, direction, label, path, keyword)
        for index, (part_old, part_new) in enumerate(zip(o.child("allOf").elements(), n.child("allOf").elements(), strict=False)):
            self.compare(part_old, part_new, direction, label, _join(path, f"allOf[{index}]"))

    # -- keywords ---------------------------------------------------------------------------------

    def _types(self, o: Node, n: Node, direction: Direction, label: str, path: str) -> None:
        old_types, new_types = _types(o.value), _types(n.value)
        if old_types == new_types:
            return
        text = f"{_at(path, label)}: type {_type_text(old_types)} -> {_type_text(new_types)}"
        if _covers(new_types, old_types):
            self._emit(direction, ("request-type-widened", "response-type-widened"), text, o, n)
        elif _covers(old_types, new_types):
            self._emit(direction, ("request-type-narrowed", "response-type-narrowed"), text, o, n)
        else:
            self._emit(direction, ("request-type-changed", "response-type-changed"), text, o, n)

    def _values(self, o: Node, n: Node, direction: Direction, label: str, path: str) -> None:
        """``enum`` and ``const``; a top-level constant is the message's discriminator."""
        where = _at(path, label)
        old_const, new_const = o.get("const", _MISSING), n.get("const", _MISSING)
        if content(old_const) != content(new_const):
            if old_const is _MISSING:
                self._emit(direction, ("request-const-changed", None), f"{where} must now be {_short(new_const)}", o, n)
            elif new_const is _MISSING:
                self._emit(direction, (None, "response-const-changed"), f"{where} is no longer always {_short(old_const)}", o, n)
            else:
                self._emit(direction, ("request-const-changed", "response-const-changed"), f"{where}: constant {_short(old_const)} -> {_short(new_const)}", o, n)
        old_enum, new_enum = o.get("enum"), n.get("enum")
        if not isinstance(old_enum, list) and isinstance(new_enum, list):
            self._emit(direction, ("request-enum-added", "response-enum-added"), f"{where} is now limited to {_short(new_enum)}", o, n)
        elif isinstance(old_enum, list) and not isinstance(new_enum, list):
            self._emit(direction, ("request-enum-removed", "response-enum-removed"), f"{where} is no longer limited to {_short(old_enum)}", o, n)
        elif isinstance(old_enum, list) and isinstance(new_enum, list):
            old_values = {content(value): value for value in old_enum}
            new_values = {content(value): value for value in new_enum}
            for text, value in old_values.items():
                if text not in new_values:
                    self._emit(direction, ("request-enum-value-removed", "response-enum-value-removed"), f"{where}: enum value {_short(value)} removed", o.child("enum"), n.child("enum"))
            for text, value in new_values.items():
                if text not in old_values:
                    self._emit(direction, ("request-enum-value-added", "response-enum-value-added"), f"{where}: enum value {_short(value)} added", o.child("enum"), n.child("enum"))

    def _bound(self, o: Node, n: Node, direction: Direction, label: str, path: str, keyword: str, *, upper: bool, tighter: Ids, looser: Ids) -> None:
        old_bound, new_bound = _bound_of(o.value, keyword), _bound_of(n.value, keyword)
        if old_bound == new_bound:
            return
        if old_bound is None:
            tightened = True
        elif new_bound is None:
            tightened = False
        else:
            tightened = _tighter(old_bound, new_bound, upper=upper)
        text = f"{_at(path, label)}: {keyword} {_bound_text(old_bound)} -> {_bound_text(new_bound)}"
        self._emit(direction, tighter if tightened else looser, text, o, n)

    def _strings(self, o: Node, n: Node, direction: Direction, label: str, path: str) -> None:
        where = _at(path, label)
        for keyword, added, changed, removed in (
            ("pattern", ("request-pattern-added", None), ("request-pattern-changed", "response-pattern-changed"), ("request-pattern-removed", "response-pattern-changed")),
            ("format", ("request-format-added", None), ("request-format-changed", "response-format-changed"), (None, "response-format-changed")),
        ):
            before, after = o.get(keyword), n.get(keyword)
            if before == after:
                continue
            ids = added if before is None else removed if after is None else changed
            self._emit(direction, ids, f"{where}: {keyword} {_short(before)} -> {_short(after)}", o, n)
        if o.get("multipleOf") != n.get("multipleOf") and n.get("multipleOf") is not None:
            self._emit(direction, ("request-multiple-of-changed", None), f"{where}: multipleOf {_short(o.get('multipleOf'))} -> {_short(n.get('multipleOf'))}", o, n)
        if content(o.get("default")) != content(n.get("default")):
            self._emit(direction, ("request-default-changed", None), f"{where}: default {_short(o.get('default'))} -> {_short(n.get('default'))}", o, n)

    def _flags(self, o: Node, n: Node, direction: Direction, label: str, path: str) -> None:
        where = _at(path, label)
        if not o.get("uniqueItems") and n.get("uniqueItems"):
            self._emit(direction, ("request-unique-items-added", None), f"{where}: items must now be unique", o, n)
        if o.get("uniqueItems") and not n.get("uniqueItems"):
            self._emit(direction, (None, "response-unique-items-removed"), f"{where}: items may now repeat", o, n)
        if not o.get("deprecated") and n.get("deprecated"):
            self.report.add("schema-deprecated", f"{where} is deprecated", old=o, new=n)
        old_discriminator, new_discriminator = o.get("discriminator"), n.get("discriminator")
        if old_discriminator is not None and content(old_discriminator) != content(new_discriminator):
            self.report.add("schema-discriminator-changed", f"{where}: discriminator {_short(old_discriminator)} -> {_short(new_discriminator)}", old=o, new=n)

    def _properties(self, o: Node, n: Node, direction: Direction, label: str, path: str, *, top: bool) -> None:
        old_props, new_props = o.child("properties"), n.child("properties")
        old_required, new_required = _required(o.value), _required(n.value)
        new_names = dict(new_props.items())
        closed = n.get("additionalProperties") is False
        for name, old_prop in old_props.items():
            sub = _join(path, name)
            new_prop = new_names.get(name)
            if new_prop is None:
                if old_prop.resolved().get("deprecated"):
                    self.report.add("deprecated-property-removed", f"deprecated property `{sub}` removed from {label}", old=old_prop, new=new_props if new_props.value is not None else n)
                    continue
                removed: Ids = ("request-property-removed-closed" if closed else "request-property-removed", "response-property-removed")
                self._emit(direction, removed, f"property `{sub}` removed from {label}", old_prop, new_props if new_props.value is not None else n)
                continue
            if top and self._discriminator(old_prop, new_prop, label, sub):
                continue
            if name in old_required and name not in new_required:
                self._emit(direction, ("request-property-became-optional", "response-property-became-optional"), f"property `{sub}` of {label} became optional", old_prop, new_prop)
            elif name in new_required and name not in old_required:
                self._emit(direction, ("request-property-became-required", "response-property-became-required"), f"property `{sub}` of {label} became required", old_prop, new_prop)
            self.compare(old_prop, new_prop, direction, label, sub)
        old_names = {name for name, _ in old_props.items()}
        for name, new_prop in new_names.items():
            if name in old_names:
                continue
            sub = _join(path, name)
            if name in new_required:
                ids: Ids = ("request-required-property-added", "response-property-added")
                text = f"required property `{sub}` added to {label}"
            else:
                ids = ("request-optional-property-added", "response-property-added")
                text = f"optional property `{sub}` added to {label}"
            self._emit(direction, ids, text, old_props if old_props.value is not None else o, new_prop)

    def _discriminator(self, old_prop: Node, new_prop: Node, label: str, name: str) -> bool:
        """A top-level property with one constant value names the message on the wire: a changed
        constant is reported once as such (not as enum or const edits); True if it was."""
        before, after = _constant(old_prop.resolved().value), _constant(new_prop.resolved().value)
        if before is _MISSING or after is _MISSING or content(before) == content(after):
            return False
        self.report.add("message-discriminator-changed", f"`{name}` of {label}: {_short(before)} -> {_short(after)}", old=old_prop, new=new_prop)
        return True

    def _additional(self, o: Node, n: Node, direction: Direction, label: str, path: str) -> None:
        before, after = o.get("additionalProperties"), n.get("additionalProperties")
        where = _at(path, label)
        if before is not False and after is False:
            self._emit(direction, ("request-additional-properties-closed", None), f"{where} no longer allows extra properties", o, n)
        elif before is False and after is not False:
            self._emit(direction, (None, "response-additional-properties-opened"), f"{where} now allows extra properties", o, n)
        elif isinstance(before, Mapping) and isinstance(after, Mapping):
            self.compare(o.child("additionalProperties"), n.child("additionalProperties"), direction, label, f"{path}{{*}}")

    def _variants(self, o: Node, n: Node, direction: Direction, label: str, path: str, keyword: str) -> None:
        old_list, new_list = o.child(keyword), n.child(keyword)
        if old_list.value is None and new_list.value is None:
            return
        old_variants = {_variant_key(v, i): v for i, v in enumerate(old_list.elements())}
        new_variants = {_variant_key(v, i): v for i, v in enumerate(new_list.elements())}
        where = _at(path, label)
        for name, variant in old_variants.items():
            if name not in new_variants:
                self._emit(direction, ("request-variant-removed", "response-variant-removed"), f"{where}: {keyword} variant `{name}` removed", variant, new_list if new_list.value is not None else n)
        for name, variant in new_variants.items():
            if name not in old_variants:
                self._emit(direction, ("request-variant-added", "response-variant-added"), f"{where}: {keyword} variant `{name}` added", old_list if old_list.value is not None else o, variant)
            else:
                self.compare(old_variants[name], variant, direction, label, _join(path, f"{keyword}[{name}]"))

    # -- helpers ---------------------------------------------------------------------------------

    def _emit(self, direction: Direction, ids: Ids, message: str, old: Node, new: Node) -> None:
        check = ids[0] if direction == REQUEST else ids[1]
        if check is not None:
            self.report.add(check, message, old=old, new=new)

    def _refs_inside(self, value: Any) -> bool:
        """Whether equal-looking data may still differ once references are followed."""
        known = self._has_ref.get(id(value))
        if known is None:
            known = _has_ref(value)
            self._has_ref[id(value)] = known
        return known


class _Missing:
    def __repr__(self) -> str:
        return "(none)"


_MISSING: Any = _Missing()


def _any_if_empty(node: Node) -> Node:
    """No schema (a message without payload) and ``true`` both allow anything, like ``{}``."""
    if node.value is None or node.value is True:
        return Node(node.side, node.doc, node.path, {})
    return node


def _has_ref(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if REF in item:
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _types(schema: Mapping[str, Any]) -> frozenset[str]:
    """The set of types a schema allows; empty means any (no ``type`` keyword)."""
    declared = schema.get("type")
    if declared is None:
        return _ANY_TYPE
    return frozenset([declared] if isinstance(declared, str) else map(str, declared))


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Every value of ``narrow`` is allowed by ``wide`` (a number type covers integers)."""
    if not wide:
        return True
    if not narrow:
        return False
    return all(kind in wide or (kind == "integer" and "number" in wide) for kind in narrow)


def _type_text(types: frozenset[str]) -> str:
    return "any" if not types else "|".join(sorted(types))


#: a bound: (value, exclusive)
Bound = tuple[float, bool]


def _bound_of(schema: Mapping[str, Any], keyword: str) -> Bound | None:
    """The tightest of ``keyword`` and its exclusive form (a number, or draft-04's boolean flag)."""
    upper = keyword.startswith("max")
    flag = schema.get(_EXCLUSIVE.get(keyword, ""))
    candidates: list[Bound] = []
    value = schema.get(keyword)
    if _is_number(value):
        candidates.append((float(value), flag is True))
    if _is_number(flag):
        candidates.append((float(flag), True))
    best: Bound | None = None
    for candidate in candidates:
        if best is None or _tighter(best, candidate, upper=upper):
            best = candidate
    return best


def _tighter(before: Bound, after: Bound, *, upper: bool) -> bool:
    """Whether ``after`` lets fewer values through than ``before``."""
    if after[0] != before[0]:
        return after[0] < before[0] if upper else after[0] > before[0]
    return after[1] and not before[1]


def _bound_text(bound: Bound | None) -> str:
    if bound is None:
        return "(none)"
    value = int(bound[0]) if bound[0].is_integer() else bound[0]
    return f"{value} (exclusive)" if bound[1] else f"{value}"


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _required(schema: Any) -> set[str]:
    required = schema.get("required") if isinstance(schema, Mapping) else None
    return {str(name) for name in required} if isinstance(required, list) else set()


def _constant(schema: Any) -> Any:
    if not isinstance(schema, Mapping):
        return _MISSING
    if "const" in schema:
        return schema["const"]
    enum = schema.get("enum")
    if isinstance(enum, list) and len(enum) == 1:
        return enum[0]
    return _MISSING


def _variant_key(variant: Node, index: int) -> str:
    """How a oneOf/anyOf variant is recognised across versions: its reference's last step, its
    title, the constant of a top-level property (a tagged union), or else its position."""
    if isinstance(variant.value, Mapping) and isinstance(variant.value.get(REF), str):
        return str(variant.value[REF].rsplit("/", 1)[-1])
    resolved = variant.resolved().value
    if isinstance(resolved, Mapping):
        if isinstance(resolved.get("title"), str):
            return str(resolved["title"])
        for name, prop in (resolved.get("properties") or {}).items():
            constant = _constant(prop)
            if constant is not _MISSING:
                return f"{name}={_short(constant)}"
    return f"#{index}"


def _join(path: str, step: str) -> str:
    """``user.name``, ``items[]``, ``allOf[0].kind``: how a place inside a payload is written."""
    return f"{path}.{step}" if path else step


def _at(path: str, label: str) -> str:
    return f"`{path}` of {label}" if path else label


def _short(value: Any) -> str:
    text = content(value) if value is not _MISSING else "(none)"
    return text if len(text) <= 60 else text[:57] + "..."
