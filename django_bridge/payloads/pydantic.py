"""Pydantic models, dataclasses, TypedDicts and plain annotations → JSON Schema (draft 07).

All of them go through Pydantic's own generator (``TypeAdapter``); a payload class's schema is
built once per process and replayed into each generation's bank. The generator is customised where AsyncAPI or the reference
package's table needs it:

- ``Decimal`` is ``{"type": "string", "format": "decimal"}`` (how it travels in JSON);
- an ``Optional`` dataclass or TypedDict field is not required (a model keeps Pydantic's rule);
- no auto-generated field titles (``"Ride Id"``): type names come from the naming module;
- keys stay in the order they are built (``type`` before ``format``), not sorted;
- tuples use draft-07 ``items: [...]`` instead of 2020-12 ``prefixItems``;
- a tagged union's OpenAPI ``discriminator`` object is dropped (invalid in AsyncAPI; the
  branches' ``const`` tags already discriminate);
- every nested type becomes a :class:`~django_bridge.payloads.SchemaBank` entry, never ``$defs``.

Client → server payloads use Pydantic's validation schema, server → client its serialisation
schema (computed fields appear, aliases follow ``serialize_by_alias``).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import Direction, SchemaBank, class_entries, json_copy, json_native, plain_dataclass

_MODES: dict[Direction, str] = {"in": "validation", "out": "serialization"}
_DEFS_PREFIX = "#/$defs/"


def generate(
    requests: Sequence[tuple[Any, Direction]],
    *,
    bank: SchemaBank,
    payloads: Sequence[Any] | None = None,
) -> list[dict[str, Any]]:
    """Schemas for ``(core schema, direction)`` pairs (see :func:`core_schema`), in order; nested
    types go into ``bank``.

    ``payloads`` (the type each request's core schema was made from) lets a payload class's
    schema be built once per process: Pydantic's JSON Schema generation is the largest cost of a
    spec, and a class's schema cannot change while its core schema stays the same object.
    """
    found: list[_Generated] = []
    # A payload that is no class (``Annotated[A | B, Field(discriminator=...)]``, ``list[X]``)
    # is not kept across generations, but one used by many handlers is built once per call.
    # (Its key is the object's id: ``payloads`` keeps every object alive until the call ends.)
    this_call: dict[tuple[int, Direction], _Generated] = {}
    for index, (core, direction) in enumerate(requests):
        payload = payloads[index] if payloads is not None else core
        generated = _JSON_SCHEMAS.get(payload, core, direction) or this_call.get((id(payload), direction))
        if generated is None:
            generated = _generate_one(core, direction)
            _JSON_SCHEMAS.put(payload, core, direction, generated)
            this_call[(id(payload), direction)] = generated
        found.append(generated)
    return [generated.replay(bank) for generated in found]


@dataclass(frozen=True)
class _Generated:
    """One payload's JSON Schema as Pydantic made it, independent of any bank: the schema and its
    definitions reference each other by local keys, and ``defs`` lists every definition in the
    order Pydantic first reached it (so that replaying requests in order registers the bank's
    entries in the order one batch over all of them would: names never depend on the cache)."""

    schema: dict[str, Any]
    #: (local key, Pydantic's core ref, qualified name, short name, direction), first-reached first
    defs: tuple[tuple[str, str, str, str, Direction], ...]
    definitions: dict[str, dict[str, Any]]

    def replay(self, bank: SchemaBank) -> dict[str, Any]:
        """The schema with its definitions entered into ``bank`` (a fresh copy: callers edit it)."""
        targets: dict[str, dict[str, str]] = {}
        for key, core_ref, qualified, short, direction in self.defs:
            targets[key] = bank.ref(bank.origin(core_ref, qualified), short, direction)
        for key, core_ref, qualified, _, direction in self.defs:
            schema = self.definitions.get(key)  # Pydantic drops definitions nothing refers to
            origin = bank.origin(core_ref, qualified)
            if schema is not None and not bank.defined(origin, direction):  # shared: written once
                bank.define(origin, direction, _rewrite(schema, targets))
        rewritten: dict[str, Any] = _rewrite(self.schema, targets)
        return rewritten


def _generate_one(core: Any, direction: Direction) -> _Generated:
    if isinstance(core, plain_dataclass.PlainDataclass):
        described = plain_dataclass.describe(core, direction)
        if described is not None:
            schema, reached, definitions = described
            named = tuple((key, core_ref, *_names(core_ref), mode) for key, core_ref, mode in reached)
            return _Generated(schema=schema, defs=named, definitions=definitions)
        core = _JSON_SCHEMAS.fallback_core(core.cls)  # this Pydantic writes what the shortcut does not
    mode = _MODES[direction]
    generator = _generator_class()(ref_template=_DEFS_PREFIX + "{model}")
    by_key, definitions = generator.generate_definitions([(0, mode, core)])
    directions: dict[str, Direction] = {mode: direction for direction, mode in _MODES.items()}
    defs = tuple(
        (key, core_ref, qualified, short, directions[def_mode]) for key, (core_ref, qualified, short, def_mode) in generator.def_info.items()
    )
    return _Generated(schema=by_key[(0, mode)], defs=defs, definitions=dict(definitions))


def generated_by_pydantic(core: Any, direction: Direction) -> plain_dataclass.Described:
    """What Pydantic's generator answers for one core schema, in :mod:`.plain_dataclass`'s terms
    (which calibrates itself against it)."""
    generated = _generate_one(core, direction)
    defs = tuple((key, core_ref, mode) for key, core_ref, _, _, mode in generated.defs)
    return generated.schema, defs, generated.definitions


class _SchemaCache:
    """What was built for a payload class, kept on the class itself (:func:`class_entries`).

    A generated schema is used only while the class still has the core schema it was made from
    (``model_rebuild`` makes a new one).
    """

    ATTRIBUTE = "__django_bridge_schemas__"

    def entries(self, payload: Any, *, create: bool) -> dict[str, Any] | None:
        return class_entries(payload, self.ATTRIBUTE, create=create)

    def core(self, payload: Any) -> Any:
        entries = self.entries(payload, create=False)
        return entries.get("core") if entries is not None else None

    def put_core(self, payload: Any, core: Any) -> None:
        entries = self.entries(payload, create=True)
        if entries is not None:
            entries["core"] = core

    def fallback_core(self, payload: Any) -> Any:
        """Pydantic's core schema for a plain dataclass the shortcut declined to describe (an
        enum used twice, a Pydantic that writes otherwise), built once for both directions."""
        entries = self.entries(payload, create=True)
        core = entries.get("fallback core") if entries is not None else None
        if core is None:
            core = _adapted_core_schema(payload)
            if entries is not None:
                entries["fallback core"] = core
        return core

    def get(self, payload: Any, core: Any, direction: Direction) -> _Generated | None:
        entries = self.entries(payload, create=False)
        entry = entries.get(direction) if entries is not None else None
        if entry is None or entry[0] is not core:
            return None
        generated: _Generated = entry[1]
        return generated

    def put(self, payload: Any, core: Any, direction: Direction, generated: _Generated) -> None:
        entries = self.entries(payload, create=True)
        if entries is not None:
            entries[direction] = (core, generated)


_JSON_SCHEMAS = _SchemaCache()


def core_schema(payload: Any) -> Any:
    """Pydantic's core schema for a payload type, or for a plain dataclass what stands in for it
    (:mod:`.plain_dataclass`); PayloadError if Pydantic cannot handle it."""
    from pydantic import BaseModel

    if isinstance(payload, type) and issubclass(payload, BaseModel):
        return payload.__pydantic_core_schema__
    if _django_model(payload) is not None:
        raise _model_error(payload, payload)
    # Pydantic keeps no core schema on a dataclass or TypedDict, and building one compiles a
    # validator too (~0.4 ms): every generator in the process reuses it, and a plain dataclass
    # needs none
    cached = _JSON_SCHEMAS.core(payload)
    if cached is not None:
        return cached
    schema = plain_dataclass.read(payload) or _adapted_core_schema(payload)
    _JSON_SCHEMAS.put_core(payload, schema)
    return schema


def _adapted_core_schema(payload: Any) -> Any:
    from pydantic import TypeAdapter
    from pydantic.errors import PydanticSchemaGenerationError, PydanticUserError

    from ..errors import PayloadError

    try:
        return TypeAdapter(payload).core_schema
    except (PydanticSchemaGenerationError, PydanticUserError, TypeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        nested = _django_model_named_in(first)
        if nested is not None:  # Pydantic's advice (arbitrary_types_allowed) would document nothing
            raise _model_error(payload, nested) from exc
        hint = "use a dataclass, a Pydantic model, a TypedDict, a DRF serializer or a JSON Schema dict"
        if "TypedDict" in first:
            hint = "on Python < 3.12 write `from typing_extensions import TypedDict` (Pydantic reads only that one there)"
        raise PayloadError(f"cannot describe payload {_name(payload)}: {first}", hint=hint) from exc


def _django_model(value: Any) -> type | None:
    """The Django model class ``value`` is (or is an instance of), else None; Django is never
    imported just to check."""
    models = sys.modules.get("django.db.models")
    if models is None:
        return None
    klass = value if isinstance(value, type) else type(value)
    return klass if issubclass(klass, models.Model) else None


def _django_model_named_in(message: str) -> type | None:
    """The Django model in Pydantic's "Unable to generate pydantic-core schema for <class 'x.Y'>"."""
    match = re.search(r"<class '([\w.]+)\.(\w+)'>", message)
    if match is None:
        return None
    module = sys.modules.get(match[1])
    return _django_model(getattr(module, match[2], None)) if module is not None else None


def _model_error(payload: Any, model: type) -> Exception:
    from ..errors import PayloadError

    name = model.__name__
    where = "" if payload is model else f"it uses {name}, which "
    return PayloadError(
        f"cannot describe payload {_name(payload)}: {where or name + ' '}is a Django model, not a payload: "
        "a model is a database row, and what travels on the WebSocket is what the consumer serialises from it",
        hint=f"describe the frame with a DRF serializer (a ModelSerializer with Meta.model = {name} and the fields "
        "you send) or a dataclass with those fields",
    )


def _name(payload: Any) -> str:
    return getattr(payload, "__qualname__", None) or repr(payload)


def _rewrite(node: Any, targets: dict[str, dict[str, str]]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_DEFS_PREFIX):
            out = {key: _rewrite(value, targets) for key, value in node.items() if key != "$ref"}
            out["$ref"] = targets[ref[len(_DEFS_PREFIX) :]]["$ref"]
            return out
        return {key: _rewrite(value, targets) for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite(item, targets) for item in node]
    return node


def _names(core_ref: str) -> tuple[str, str]:
    """(qualified name, short name) of the type Pydantic's core ref names: ``python:pkg.mod.Money``
    and ``Money`` for ``pkg.mod.Money:140…``. The ref ends in the class's id, so two classes with
    one name stay two (:meth:`SchemaBank.origin` tells them apart when a schema is replayed)."""
    components = [part.rsplit(":", 1)[0] for part in re.split(r"([\][,])", core_ref)]
    qualified = "python:" + "".join(components)
    short = "".join(re.sub(r"(?:[^.[\]]+\.)+([^.[\]]+)", r"\1", part) for part in components)
    return qualified, short


@functools.lru_cache(maxsize=1)
def _generator_class() -> type:
    """Our GenerateJsonSchema subclass, built on first use so that Pydantic loads lazily."""
    from pydantic.json_schema import DefsRef, GenerateJsonSchema

    #: generator class → {core schema type: name of the method that writes it}
    _method_names: dict[type, dict[str, str]] = {}

    class BridgeJsonSchema(GenerateJsonSchema):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            #: local key → (core ref, qualified name, short name, mode), first-reached first
            self.def_info: dict[str, tuple[str, str, str, str]] = {}
            self._def_keys: dict[tuple[str, str], str] = {}

        @property
        def mode(self) -> Any:
            # Asked about seventy times per class; Pydantic's own reads the setting through
            # ConfigWrapper.__getattr__, which raises and catches a KeyError whenever the config
            # does not set it (nearly always): a quarter of a cold spec's JSON Schema time.
            # The setting's default is None, as there.
            override = self._config_wrapper_stack.tail.config_dict.get("json_schema_mode_override")
            return override if override is not None else self._mode

        def build_schema_type_to_method(self) -> Any:
            # Pydantic lists every core schema type afresh for each generator (a tenth of a
            # small class's schema); the method names per type are the same every time.
            names = _method_names.get(type(self))
            if names is None:
                names = _method_names[type(self)] = {key: method.__name__ for key, method in super().build_schema_type_to_method().items()}
            return {key: getattr(self, name) for key, name in names.items()}

        def get_defs_ref(self, core_mode_ref: Any) -> Any:
            # One opaque key per (type, mode); the origin and short name go to the naming module.
            core_ref, mode = core_mode_ref
            key = self._def_keys.get(core_mode_ref)
            if key is None:
                qualified, short = _names(core_ref)
                key = f"d{len(self._def_keys)}"
                self._def_keys[core_mode_ref] = key
                self.def_info[key] = (core_ref, qualified, short, mode)
                self._prioritized_defsref_choices[DefsRef(key)] = [DefsRef(key)]
            return DefsRef(key)

        def _build_definitions_remapping(self) -> Any:
            # Pydantic simplifies long definition names by trying shorter alternatives until a
            # fixed point (deep-copying every definition each round). Here each key has exactly
            # one choice, itself, so the remapping is the identity.
            if all(choices == [key] for key, choices in self._prioritized_defsref_choices.items()):
                return _identity_remapping()
            return super()._build_definitions_remapping()

        def sort(self, value: Any, parent_key: Any = None) -> Any:
            # Keep the order schemas are built in (``type`` before ``format``); the generator
            # puts ``title`` and ``type`` first where it matters.
            return value

        def encode_default(self, dft: Any) -> Any:
            # Pydantic builds a TypeAdapter per default to serialise it; a JSON-native default
            # (0, "", None, [], {"a": 1}) serialises to an equal copy of itself.
            if json_native(dft):
                return json_copy(dft)
            return super().encode_default(dft)

        def decimal_schema(self, schema: Any) -> Any:
            return {"type": "string", "format": "decimal"}

        def field_title_should_be_set(self, schema: Any) -> bool:
            return False

        def field_is_required(self, field: Any, total: bool) -> bool:
            if field["type"] in ("dataclass-field", "typed-dict-field") and _nullable(field["schema"]):
                return False
            return bool(super().field_is_required(field, total))

        def tuple_schema(self, schema: Any) -> Any:
            result = super().tuple_schema(schema)
            if "prefixItems" in result:
                prefix = result.pop("prefixItems")
                rest = result.pop("items", None)
                result["items"] = prefix
                result["additionalItems"] = rest if rest is not None else False
            return result

        def tagged_union_schema(self, schema: Any) -> Any:
            # OpenAPI's discriminator object is invalid in AsyncAPI, and the string form makes
            # Modelina emit anonymous types for the tags; each branch's const already tells
            # the branches apart.
            result = super().tagged_union_schema(schema)
            result.pop("discriminator", None)
            return result

    return BridgeJsonSchema


@functools.lru_cache(maxsize=1)
def _identity_remapping() -> Any:
    """A definitions remapping that changes nothing, and so does not walk the schemas either
    (Pydantic's walks every schema twice to rename nothing)."""
    from pydantic.json_schema import _DefinitionsRemapping

    class Identity(_DefinitionsRemapping):
        def remap_json_schema(self, schema: Any) -> Any:
            return schema

    return Identity({}, {})


def _nullable(schema: Any) -> bool:
    while schema.get("type") in ("default", "function-after", "function-before", "function-wrap"):
        inner = schema.get("schema")
        if not isinstance(inner, dict):
            return False
        schema = inner
    return bool(schema.get("type") == "nullable")
