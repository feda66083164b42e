"""The official example corpus validates, and python-jsonschema agrees with ``validate()``.

The oracle is python-jsonschema's Draft7Validator over the schema ``@asyncapi/specs`` publishes
(read from node_modules, not from the copy bundled in the package), with a `referencing` registry
crawled from its ``definitions`` and retrieval refused. It was written by other people than
jsonschema-rs, so agreement on every corpus document and on deliberately broken variants is
evidence that our engine (and the way we call it) is right.
"""

from __future__ import annotations

import copy
import functools
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7

from asyncapi_tools import dumps, from_data, load, loads, validate
from tests._support.corpus import (
    OFFICIAL_COUNTS,
    OFFICIAL_DIR,
    complete_documents,
    corpus_id,
    corpus_root,
    official_document,
    version_of,
)
from tests._support.diagnostics import errors
from tests._support.specs import SUPPORTED_VERSIONS, official_schema

CORPUS = complete_documents()


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)


@functools.cache
def oracle(version: str) -> jsonschema.Draft7Validator:
    schema = official_schema(version)
    resources = [(uri, Resource.from_contents(definition, default_specification=DRAFT7)) for uri, definition in schema["definitions"].items()]
    registry: Registry[Any] = Registry(retrieve=_refuse).with_resources(resources)  # type: ignore[call-arg]
    return jsonschema.Draft7Validator(schema, registry=registry)


def _bare_reference(instance: object) -> bool:
    return isinstance(instance, dict) and set(instance) == {"$ref"} and isinstance(instance["$ref"], str)


def ambiguity_only(error: jsonschema.ValidationError) -> bool:
    """True when ``error`` is only the 3.0.0 quirk `validate` accepts on purpose: a bare `$ref`
    that matches both alternatives of ``oneOf [Reference, Schema]`` (written independently of
    the engine-side rule, from python-jsonschema's error tree)."""
    if error.validator == "oneOf" and _bare_reference(error.instance) and "is valid under each of" in error.message:
        return True
    if error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[object, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        return any(all(ambiguity_only(sub) for sub in subs) for subs in branches.values())
    return False


def oracle_paths(error: jsonschema.ValidationError) -> Iterator[str]:
    """The instance path of an error and of every error under it, as JSON pointers."""
    yield "".join(f"/{step}" for step in error.absolute_path)
    for sub in error.context or ():
        yield from oracle_paths(sub)


def test_the_official_corpus_is_complete() -> None:
    """Every document the pinned releases ship is there, for every supported version."""
    official = Counter(version_of(path) for path in CORPUS if corpus_root(path) == OFFICIAL_DIR)
    assert official == OFFICIAL_COUNTS
    assert set(official) == set(SUPPORTED_VERSIONS)


def test_the_shared_corpus_only_adds_documents(tmp_path: Path) -> None:
    official, shared = tmp_path / "official", tmp_path / "shared"
    for root, name, text in [
        (official, "3.0.0/a.yml", "asyncapi: 3.0.0\n"),
        (official, "3.0.0/b.yml", "asyncapi: 3.0.0\n"),
        (shared, "3.0.0/a.yml", "asyncapi: 3.0.0\n"),  # the same bytes: not run twice
        (shared, "3.0.0/b.yml", "asyncapi: 3.0.0  # another revision\n"),
        (shared, "3.1.0/multi/backend/asyncapi.yaml", "asyncapi: 3.1.0\n"),
        (shared, "3.1.0/multi/common/messages.yaml", "{}\n"),  # a fragment, not a document
    ]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    found = complete_documents([official, shared])
    assert [str(path.relative_to(tmp_path)) for path in found] == [
        "official/3.0.0/a.yml",
        "official/3.0.0/b.yml",
        "shared/3.0.0/b.yml",
        "shared/3.1.0/multi/backend/asyncapi.yaml",
    ]
    assert complete_documents([official]) == found[:2]


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_corpus_document_validates_with_no_errors(path: Path) -> None:
    doc = load(path)
    assert doc.asyncapi_version == version_of(path)
    found = validate(doc)
    assert errors(found) == [], "\n".join(d.format() for d in found)
    # the only warnings the corpus deserves: remote references, which are never fetched
    assert {d.code for d in found} <= {"remote-ref"}


@pytest.mark.node
@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_the_oracle_agrees_on_the_corpus(path: Path) -> None:
    doc = load(path)
    ours = errors(validate(doc, semantic=False))
    # the oracle's errors, once the one quirk validate() accepts on purpose is set aside
    raw = oracle(version_of(path)).iter_errors(doc.plain())
    theirs = [e.message for e in raw if not ambiguity_only(e)]
    # the same verdict from both engines, and that verdict is: no error at all
    assert (ours, theirs) == ([], [])


BARE_KEY_REF = """\
asyncapi: {version}
info:
  title: Keys
  version: 1.0.0
components:
  schemas:
    Key:
      type: string
  messages:
    Keyed:
      bindings:
        kafka:
          key:
            $ref: '#/components/schemas/Key'
"""


@pytest.mark.node
@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_the_one_quirk_set_aside_is_a_bare_ref_both_alternatives_accept(version: str) -> None:
    """A kafka binding's ``key`` is ``oneOf [Reference, Schema]`` and a Schema may be a ``$ref``
    too: the oracle reports the bare reference as matching both; validate() accepts it."""
    doc = loads(BARE_KEY_REF.format(version=version), source="keys.yaml")
    raw = list(oracle(version).iter_errors(doc.plain()))
    assert raw and all(ambiguity_only(error) for error in raw)
    assert validate(doc) == []


def _op(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["operations"].values()))  # type: ignore[no-any-return]


def _channel(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["channels"].values()))  # type: ignore[no-any-return]


def _first_message(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    name, message = next(iter(data["components"]["messages"].items()))
    return name, message


# (name, change, pointer where both engines must find an error)
BROKEN: list[tuple[str, Callable[[dict[str, Any]], Any], Callable[[dict[str, Any]], str]]] = [
    ("action-enum", lambda d: _op(d).update(action="publish"), lambda d: f"/operations/{next(iter(d['operations']))}/action"),
    ("operation-extra-key", lambda d: _op(d).update(deprecated=True), lambda d: f"/operations/{next(iter(d['operations']))}"),
    ("info-title-missing", lambda d: d["info"].pop("title"), lambda d: "/info"),
    ("root-extra-key", lambda d: d.update(paths={}), lambda d: ""),
    ("address-type", lambda d: _channel(d).update(address=42), lambda d: f"/channels/{next(iter(d['channels']))}/address"),
    ("server-protocol-missing", lambda d: next(iter(d["servers"].values())).pop("protocol"), lambda d: f"/servers/{next(iter(d['servers']))}"),
    (
        "payload-type-typo",
        lambda d: _first_message(d)[1].update(payload={"type": "strng"}),
        lambda d: f"/components/messages/{_first_message(d)[0]}/payload/type",
    ),
    ("tags-not-a-list", lambda d: d["info"].update(tags={"name": "x"}), lambda d: "/info/tags"),
]

BROKEN_SOURCES = [official_document(version, "streetlights-mqtt-asyncapi.yml") for version in SUPPORTED_VERSIONS]


@pytest.mark.node
@pytest.mark.parametrize("source", BROKEN_SOURCES, ids=lambda p: version_of(p))
@pytest.mark.parametrize(("name", "change", "where"), BROKEN, ids=[case[0] for case in BROKEN])
def test_both_engines_find_the_break_at_the_same_path(
    source: Path, name: str, change: Callable[[dict[str, Any]], Any], where: Callable[[dict[str, Any]], str]
) -> None:
    data = copy.deepcopy(load(source).plain())
    change(data)
    pointer = where(data)
    version = version_of(source)
    ours = validate(loads(dumps(from_data(data)), source=f"{name}.yaml"), semantic=False)
    assert ours, f"{name}: no diagnostic"
    assert all(d.code == "schema" for d in ours)
    # ours is a leaf at (or just under, for an unexpected key) the broken place
    assert any(d.pointer == pointer or d.pointer.rsplit("/", 1)[0] == pointer for d in ours), [d.pointer for d in ours]
    theirs = {path for error in oracle(version).iter_errors(data) for path in oracle_paths(error)}
    assert {d.pointer for d in ours} & theirs or {d.pointer.rsplit("/", 1)[0] for d in ours} & theirs


def test_a_broken_corpus_file_is_located_by_line_and_column(tmp_path: Path) -> None:
    source = official_document("3.0.0", "streetlights-mqtt-asyncapi.yml")
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "action: receive")
    lines[index] = lines[index].replace("receive", "recieve")
    broken = tmp_path / "streetlights.yml"
    broken.write_text("".join(lines), encoding="utf-8")
    (diagnostic,) = validate(load(broken))
    assert diagnostic.file == str(broken)
    assert (diagnostic.line, diagnostic.column) == (index + 1, lines[index].index("action") + 1)
    assert diagnostic.message == "'recieve' is not one of 'send', 'receive'"
    assert diagnostic.hint == "did you mean 'receive'?"
    assert diagnostic.format().startswith(f"{broken}:{index + 1}:{diagnostic.column}: error[schema]: ")
