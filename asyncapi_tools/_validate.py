"""Validation: the official JSON Schema of the document's AsyncAPI version, then semantic rules.

The schema step runs jsonschema-rs (about 10 ms for a 1 MB document) on the plain data. Its raw
errors are unreadable for AsyncAPI 3: nearly every slot is ``oneOf [Reference, Object]``, so a
typo in an operation surfaces as "not valid under any of the schemas listed in 'oneOf'". We
walk into the alternatives, drop the Reference branch, keep the most specific error, and say it
in a sentence with a hint (allowed keys, the closest enum value). The semantic step is
:mod:`asyncapi_tools._semantic`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import _pointer
from ._diagnostics import Diagnostic, sort_key, unique
from ._document import Document
from ._errors import AssetsMissing
from ._schemas import SUPPORTED_VERSIONS, load_schema

if TYPE_CHECKING:
    import jsonschema_rs

CODE = "schema"


def validate(doc: Document, *, semantic: bool = True) -> list[Diagnostic]:
    """All diagnostics of ``doc``: JSON Schema errors, then (unless ``semantic=False``) the
    semantic rules; sorted by file and position, without repeats.

    The document is valid when no diagnostic has severity ``error``; warnings (for instance a
    remote ``$ref`` that was not fetched) do not make it invalid. Raises :class:`AssetsMissing`
    when the bundled schemas are not installed.
    """
    version_problem = _version_problem(doc)
    if version_problem is not None:
        return [version_problem]
    version = doc.asyncapi_version
    assert version is not None
    data = doc.plain()
    found = list(schema_diagnostics(doc, version=version, data=data))
    if semantic:
        from ._semantic import check

        # The rules walk plain data (several times faster than round-trip mappings); the few
        # findings are then located in the original tree.
        twin = Document(tree=data, source=doc.source, base_dir=doc.base_dir, text=doc.text)
        found.extend(_located(check(twin), doc))
    return sorted(unique(found), key=sort_key)


def _located(diagnostics: list[Diagnostic], doc: Document) -> Iterator[Diagnostic]:
    """Fill in line and column, from ``doc``'s tree, of findings about ``doc`` itself."""
    import dataclasses

    for diagnostic in diagnostics:
        if diagnostic.line is None and diagnostic.file == doc.source and diagnostic.pointer:
            where = doc.position(_pointer.split(diagnostic.pointer))
            if where is not None:
                diagnostic = dataclasses.replace(diagnostic, line=where[0], column=where[1])
        yield diagnostic


def _version_problem(doc: Document) -> Diagnostic | None:
    supported = ", ".join(SUPPORTED_VERSIONS)
    version = doc.asyncapi_version
    if version is None:
        return doc.diagnostic(
            "asyncapi-version",
            "the document has no `asyncapi` version",
            hint=f"start the document with `asyncapi: {SUPPORTED_VERSIONS[-1]}` (supported versions: {supported})",
        )
    if version in SUPPORTED_VERSIONS:
        return None
    hint = f"supported versions: {supported}"
    if version.startswith("2."):
        hint += "; AsyncAPI 2 documents must be converted to 3 first (the AsyncAPI CLI's `asyncapi convert` does it)"
    elif not isinstance(doc.tree.get("asyncapi"), str):
        hint += f"; write the version as a string, e.g. `asyncapi: '{SUPPORTED_VERSIONS[-1]}'`"
    return doc.diagnostic("asyncapi-version", f"AsyncAPI version {version!r} is not supported", path=("asyncapi",), hint=hint)


# -- compiled validators --------------------------------------------------------------------------


class ValidatorCache:
    """Compiled jsonschema-rs validators (and the schema they were compiled from) by version.

    Compiling a 400 KB schema costs ~100-150 ms, so it happens once per version per process.
    The schemas only change when the package is reinstalled; :meth:`clear` exists for tests.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, tuple[jsonschema_rs.Validator, dict[str, Any]]] = {}
        self.compiled = 0

    def get(self, version: str) -> tuple[jsonschema_rs.Validator, dict[str, Any]]:
        """``(validator, schema)`` for ``version``; the schema serves hints such as allowed keys."""
        entry = self._compiled.get(version)
        if entry is None:
            schema = _prepared_schema(version)
            entry = self._compiled[version] = (_compile(version, schema), schema)
            self.compiled += 1
        return entry

    def clear(self) -> None:
        self._compiled.clear()


#: The one cache of the process (validation runs in CLI commands, Django views and tests alike).
VALIDATORS = ValidatorCache()


def _refuse_retrieval(uri: str) -> Any:
    """The bundled schema holds every definition; anything else would mean a network fetch."""
    raise ValueError(f"refusing to fetch {uri}: the bundled AsyncAPI schema must be self-contained")


def _compile(version: str, schema: dict[str, Any]) -> jsonschema_rs.Validator:
    import jsonschema_rs

    try:
        return jsonschema_rs.validator_for(schema, retriever=_refuse_retrieval, validate_formats=True)
    except (jsonschema_rs.ReferencingError, ValueError) as exc:
        from ._schemas import schema_path
        from ._source import display_path

        raise AssetsMissing(
            f"the bundled JSON Schema for AsyncAPI {version} does not compile: {exc}",
            file=display_path(str(schema_path(version))),
            hint="run `python scripts/vendor_assets.py` from a checkout, or reinstall asyncapi-tools",
        ) from exc


def _prepared_schema(version: str) -> dict[str, Any]:
    schema = load_schema(version)
    # As @asyncapi/parser does: a `$ref` such as `#/channels/a[0]` is a valid JSON pointer
    # but not an RFC 3986 URI reference, and must not be rejected for it.
    reference = schema.get("definitions", {}).get(f"http://asyncapi.com/definitions/{version}/ReferenceObject.json")
    if isinstance(reference, dict) and reference.get("format") == "uri-reference":
        del reference["format"]
    return schema


# -- from engine errors to diagnostics ------------------------------------------------------------


def schema_diagnostics(doc: Document, *, version: str, data: Any = None) -> Iterator[Diagnostic]:
    """The JSON Schema step alone: one readable diagnostic per leaf error (``data``: the plain
    data of ``doc`` when the caller already has it)."""
    validator, schema = VALIDATORS.get(version)
    for error in validator.iter_errors(doc.plain() if data is None else data):
        typed: set[tuple[str | int, ...]] = set()
        for leaf in _leaves(error):
            if _kind(leaf) == "Type":
                # alternatives wanting different types say the same thing twice: keep the first
                if tuple(leaf.instance_path) in typed:
                    continue
                typed.add(tuple(leaf.instance_path))
            yield from _describe(doc, leaf, schema)


def _kind(error: Any) -> str:
    return type(error.kind).__name__


def _leaves(error: Any, memo: dict[int, list[Any]] | None = None) -> list[Any]:
    """The errors worth showing under ``error``: inside ``oneOf``/``anyOf``, the most relevant
    alternative (never the Reference one when another exists), recursively."""
    memo = {} if memo is None else memo
    if id(error) in memo:
        return memo[id(error)]
    kind = _kind(error)
    result = [error]
    if kind == "OneOfMultipleValid" and _is_reference(error.instance):
        # 3.0.0 allows `oneOf [Reference, Schema]` where a Schema may itself be a `$ref`; a bare
        # reference then matches both. It is valid wherever a Reference is allowed.
        result = []
    elif kind in ("OneOfNotValid", "AnyOf"):
        branches = [branch for branch in error.kind.context if branch]
        candidates = [branch for branch in branches if not _reference_branch(branch)] or branches
        if candidates:
            expanded = [[leaf for item in branch for leaf in _leaves(item, memo)] for branch in candidates]
            scores = [_relevance(branch, leaves, error) for branch, leaves in zip(candidates, expanded, strict=True)]
            result = expanded[scores.index(max(scores))]
    memo[id(error)] = result
    return result


def _is_reference(instance: Any) -> bool:
    return isinstance(instance, Mapping) and isinstance(instance.get("$ref"), str) and len(instance) == 1


def _reference_branch(branch: list[Any]) -> bool:
    return all(
        "/Reference.json#" in (e.absolute_keyword_location or "") or "/ReferenceObject.json#" in (e.absolute_keyword_location or "")
        for e in branch
    )


def _relevance(branch: list[Any], leaves: list[Any], parent: Any) -> tuple[bool, int, int]:
    """How likely an alternative is the one the author meant.

    Not one that wants another JSON type, nor one whose ``type`` discriminator (security schemes)
    names another kind; then the one whose errors go deepest; then the one with fewest errors.
    """
    depth = len(parent.instance_path)
    mismatch = any(
        (_kind(e) == "Type" and len(e.instance_path) == depth)
        or (_kind(e) in ("Enum", "Constant") and len(e.instance_path) == depth + 1 and e.instance_path[-1] == "type")
        for e in [*branch, *leaves]
    )
    deepest = max((len(e.instance_path) for e in leaves), default=depth)
    return (not mismatch, deepest, -len(leaves))


def _describe(doc: Document, error: Any, schema: dict[str, Any]) -> Iterator[Diagnostic]:
    kind = _kind(error)
    path = list(error.instance_path)
    instance = error.instance
    if kind == "AdditionalProperties":
        allowed, extensions = _allowed_keys(schema, error.absolute_keyword_location)
        what = _object_name(error.absolute_keyword_location)
        for key in error.kind.unexpected:
            yield doc.diagnostic(CODE, f"unexpected key {key!r} in {what}", path=[*path, key], hint=_keys_hint(key, allowed, extensions))
        return
    if kind == "Required":
        what = _object_name(error.absolute_keyword_location)
        parent = f"`{path[-1]}`" if path else "the document root"
        yield doc.diagnostic(
            CODE, f"missing required key {error.kind.property!r} in {what}", path=path, hint=f"add `{error.kind.property}:` under {parent}"
        )
        return
    if kind == "Enum":
        options = list(error.kind.options)
        hint = None
        if isinstance(instance, str):
            close = difflib.get_close_matches(instance, [o for o in options if isinstance(o, str)], n=1, cutoff=0.4)
            hint = f"did you mean {close[0]!r}?" if close else _RENAMED.get(instance)
        message = f"{_show(instance)} is not one of {', '.join(_show(o) for o in options)}"
        yield doc.diagnostic(CODE, message, path=path, hint=hint)
        return
    if kind == "Constant":
        yield doc.diagnostic(CODE, f"{_show(instance)} must be {_show(error.kind.expected_value)}", path=path)
        return
    if kind == "Type":
        expected = " or ".join(error.kind.types)
        yield doc.diagnostic(CODE, f"expected {expected}, got {_json_type(instance)} {_show(instance)}", path=path)
        return
    if kind == "Format":
        yield doc.diagnostic(CODE, f"{_show(instance)} is not a valid {error.kind.format}", path=path)
        return
    if kind == "Pattern":
        yield doc.diagnostic(CODE, f"{_show(instance)} does not match the pattern {error.kind.pattern!r}", path=path)
        return
    if kind == "OneOfMultipleValid":
        yield doc.diagnostic(
            CODE,
            f"this {_object_name(error.absolute_keyword_location, default='value')} matches more than one of the alternatives allowed here",
            path=path,
            hint="make it match exactly one (for instance by adding the key that tells them apart)",
        )
        return
    if kind == "FalseSchema":
        yield doc.diagnostic(CODE, "no value is allowed here", path=path, hint="remove this key")
        return
    yield doc.diagnostic(CODE, error.message, path=path)


#: Values from AsyncAPI 2 that people carry over, and what 3 calls them.
_RENAMED = {
    "publish": "AsyncAPI 3 speaks from the application's side: a 2.x `publish` operation is `action: receive`",
    "subscribe": "AsyncAPI 3 speaks from the application's side: a 2.x `subscribe` operation is `action: send`",
}


def _show(value: Any, limit: int = 60) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _object_name(location: str | None, *, default: str = "this object") -> str:
    """A readable name for the schema an error comes from (``operation.json`` -> operation)."""
    if not location or "#" not in location:
        return default
    uri = location.split("#", 1)[0]
    name = uri.rsplit("/", 1)[-1].removesuffix(".json")
    if name == "asyncapi" and uri.startswith("http://asyncapi.com/definitions/"):
        return "the document root"
    if name in ("schema", "draft-07", "") or not uri.startswith("http://asyncapi.com/"):
        return default if name != "schema" else "schema object"
    if "/bindings/" in uri:
        parts = uri.split("/")
        return f"{parts[-3]} {name} binding"
    return f"{name} object"


def _schema_node(schema: dict[str, Any], location: str | None) -> Any:
    """The subschema that holds the keyword at ``location`` (an absolute keyword location)."""
    if not location or "#" not in location:
        return None
    uri, fragment = location.split("#", 1)
    steps = _pointer.split(fragment)[:-1]  # drop the keyword itself
    node: Any = schema if schema.get("$id") == uri else schema.get("definitions", {}).get(uri)
    for step in steps:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return node


def _allowed_keys(schema: dict[str, Any], location: str | None) -> tuple[list[str], bool]:
    node = _schema_node(schema, location)
    if not isinstance(node, dict):
        return [], False
    keys = list(node.get("properties", {}))
    patterns = list(node.get("patternProperties", {}))
    return keys, any(pattern.startswith("^x-") for pattern in patterns)


def _keys_hint(key: str, allowed: list[str], extensions: bool) -> str | None:
    if not allowed:
        return "remove it" + (", or prefix it with `x-` to make it an extension" if extensions else "")
    close = difflib.get_close_matches(key, allowed, n=1)
    listed = ", ".join(allowed) + (", and x-* extensions" if extensions else "")
    return (f"did you mean {close[0]!r}? " if close else "") + f"allowed keys: {listed}"
