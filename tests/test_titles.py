"""Title injection: every message payload gets a type name; comments, anchors and titles kept."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_tools import (
    Document,
    TitleChange,
    dumps,
    from_data,
    inject_titles,
    load,
    loads,
    write,
)
from benchmarks.bench_titles_aliases import alias_dag
from tests._support.work import count_calls
from tests.conftest import REPO_ROOT, complete_documents, corpus_id

CORPUS = complete_documents()

# Media types whose schemas are JSON-Schema-like; the others (Avro, Protobuf, RAML) are not titled.
JSON_SCHEMA_FORMATS = ("application/vnd.aai.asyncapi", "application/schema+", "application/vnd.oai.openapi")


def doc(text: str) -> Any:
    return loads(textwrap.dedent(text), source="test.yaml")


def at(data: Any, pointer: str) -> Any:
    for step in pointer.strip("/").split("/"):
        step = step.replace("~1", "/").replace("~0", "~")
        data = data[int(step)] if isinstance(data, list) else data[step]
    return data


def inline_messages(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    components = data.get("components") or {}
    found = [(f"/components/messages/{k}", m) for k, m in (components.get("messages") or {}).items()]
    for prefix, channels in (("/channels", data.get("channels") or {}), ("/components/channels", components.get("channels") or {})):
        for channel_id, channel in channels.items():
            for key, message in ((channel or {}).get("messages") or {}).items():
                found.append((f"{prefix}/{channel_id}/messages/{key}", message))
    return [(p, m) for p, m in found if isinstance(m, dict) and "$ref" not in m]


def untitled_payloads(data: dict[str, Any]) -> list[str]:
    """Payloads a generator would call AnonymousSchema_N: not titled and not a component schema.

    Written independently of the implementation: follows local $refs in plain data; payloads in
    other files and non-JSON-Schema formats are out of scope.
    """
    missing = []
    for path, message in inline_messages(data):
        payload = message.get("payload")
        if payload is None:
            continue
        if isinstance(payload, dict) and "schemaFormat" in payload:
            if not payload["schemaFormat"].startswith(JSON_SCHEMA_FORMATS):
                continue
            payload = payload["schema"]
        while isinstance(payload, dict) and "$ref" in payload:
            ref = payload["$ref"]
            if not ref.startswith("#") or re.fullmatch(r"#/components/schemas/[^/]+", ref):
                payload = None
                break
            payload = at(data, ref[1:])
        if isinstance(payload, dict) and "title" not in payload:
            missing.append(path)
    return missing


def comments(text: str) -> set[str]:
    """Full-line comments, and end-of-line comments carrying our test marker."""
    full = {line.strip() for line in text.splitlines() if line.strip().startswith("#")}
    return full | set(re.findall(r"# eol-\d+", text))


def with_comments(text: str) -> str:
    """The document with a comment above the first key of every block mapping and after every
    ``type: object``: exactly where titles are inserted."""
    out = []
    for number, line in enumerate(text.splitlines()):
        block = re.match(r"^(\s*)(- )?[\w$@.-]+:\s*$", line)
        if re.match(r"^\s*type: object\s*$", line):
            line += f"  # eol-{number}"
        out.append(line)
        if block:
            out.append(f"{block.group(1)}  # above-first-key-{number}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_corpus_payloads_are_titled_and_comments_survive(path: Path) -> None:
    document = load(path)
    before = dumps(document)
    original = document.plain()
    changes = inject_titles(document)
    after = dumps(document)
    data = document.plain()

    assert untitled_payloads(data) == []
    assert comments(after) == comments(before)
    assert len(after.splitlines()) == len(before.splitlines()) + len(changes)
    for change in changes:
        schema = at(data, change.pointer)
        assert schema["title"] == change.title
        assert "title" not in at(original, change.pointer)
        assert "$ref" not in schema
    assert len({c.title for c in changes}) == len(changes)
    assert inject_titles(loads(after)) == []

    commented = loads(with_comments(path.read_text(encoding="utf-8")), source=str(path))
    commented_before = dumps(commented)
    assert [c.title for c in inject_titles(commented)] == [c.title for c in changes]
    assert comments(dumps(commented)) == comments(commented_before)


def test_corpus_is_not_trivial() -> None:
    """The corpus exercises inline, nested, multi-format and component-schema payloads."""
    names = ("gitter-streaming", "kraken-websocket-request-reply-multiple-channels", "slack-rtm")
    pointers = [
        c.pointer for p in CORPUS if p.parent.name == "3.0.0" and p.name.startswith(names) for c in inject_titles(load(p))
    ]
    assert len(pointers) > 100
    assert any(p.endswith("/payload/schema") for p in pointers)
    assert any("/properties/" in p for p in pointers)
    assert any(p.endswith("/items") for p in pointers)
    assert any(p.startswith("/components/schemas/") for p in pointers)


RIDES = """\
asyncapi: 3.0.0
info:
  title: Rides
  version: 1.0.0
channels:
  rides:
    address: /ws/rides/
    messages:
      requestRide:
        name: RideRequest
        payload:
          type: object
          properties:
            pickup:
              type: object
              properties:
                lat: {type: number}
            stops:
              type: array
              items:
                type: object
                properties:
                  kind: {type: string, enum: [pickup, dropoff]}
            vehicle:
              type: string
              enum: [standard, xl]
            note:
              type: string
      ride_cancelled:
        payload:
          type: object
"""


def test_nested_names_derive_from_parent_title_and_property() -> None:
    document = doc(RIDES)
    changes = inject_titles(document)
    base = "/channels/rides/messages/requestRide/payload"
    assert [(c.pointer, c.title) for c in changes] == [
        (base, "RideRequest"),
        (f"{base}/properties/pickup", "RideRequestPickup"),
        (f"{base}/properties/stops/items", "RideRequestStopsItem"),
        (f"{base}/properties/stops/items/properties/kind", "RideRequestStopsItemKind"),
        (f"{base}/properties/vehicle", "RideRequestVehicle"),
        ("/channels/rides/messages/ride_cancelled/payload", "RideCancelled"),
    ]
    data = document.plain()
    assert "title" not in at(data, f"{base}/properties/note")
    assert "title" not in at(data, f"{base}/properties/stops")
    assert next(iter(at(data, base))) == "title"


def test_title_change_lines_point_at_the_schema_in_the_source() -> None:
    lines = RIDES.splitlines()
    for change in inject_titles(doc(RIDES)):
        key = change.pointer.rsplit("/", 1)[-1]
        assert lines[change.line - 1].strip().startswith(f"{key}:"), change


def test_nested_false_titles_only_payloads() -> None:
    changes = inject_titles(doc(RIDES), nested=False)
    assert [c.title for c in changes] == ["RideRequest", "RideCancelled"]


def test_existing_titles_are_never_changed_and_name_their_children() -> None:
    document = doc(
        """\
        components:
          messages:
            update:
              name: update
              payload:
                title: Ride Update
                type: object
                properties:
                  driver:
                    title: DriverInfo
                    type: object
                    properties:
                      car: {type: object}
                  route: {type: object}
        """
    )
    changes = inject_titles(document)
    assert [(c.pointer.split("/payload")[1], c.title) for c in changes] == [
        ("/properties/driver/properties/car", "DriverInfoCar"),
        ("/properties/route", "RideUpdateRoute"),
    ]
    data = document.plain()
    assert at(data, "/components/messages/update/payload/title") == "Ride Update"
    assert at(data, "/components/messages/update/payload/properties/driver/title") == "DriverInfo"


def test_component_schema_refs_keep_their_key_and_nested_parts_are_named_from_it() -> None:
    document = doc(
        """\
        components:
          messages:
            located:
              name: located
              payload:
                $ref: '#/components/schemas/Location'
            moved:
              name: moved
              payload:
                $ref: '#/components/schemas/Location'
          schemas:
            Location:
              type: object
              properties:
                precision: {type: string, enum: [low, high]}
        """
    )
    changes = inject_titles(document)
    assert [(c.pointer, c.title) for c in changes] == [
        ("/components/schemas/Location/properties/precision", "LocationPrecision")
    ]
    data = document.plain()
    assert "title" not in data["components"]["schemas"]["Location"]
    assert data["components"]["messages"]["located"]["payload"] == {"$ref": "#/components/schemas/Location"}


def test_local_refs_elsewhere_are_followed_and_the_target_titled_once() -> None:
    document = doc(
        """\
        channels:
          a:
            messages:
              first:
                name: first
                payload:
                  $ref: '#/channels/a/messages/shape/payload'
              shape:
                name: shape
                payload:
                  type: object
        """
    )
    changes = inject_titles(document)
    assert [(c.pointer, c.title) for c in changes] == [("/channels/a/messages/shape/payload", "First")]
    data = document.plain()
    assert at(data, "/channels/a/messages/first/payload") == {"$ref": "#/channels/a/messages/shape/payload"}


def test_refs_to_other_files_are_left_alone() -> None:
    document = doc(
        """\
        components:
          messages:
            remote:
              payload:
                $ref: 'common/schemas.yaml#/Ride'
        """
    )
    before = dumps(document)
    assert inject_titles(document) == []
    assert dumps(document) == before


def test_multi_format_payloads_get_the_title_inside_schema_and_only_for_json_schema() -> None:
    document = doc(
        """\
        components:
          messages:
            jsonSchema:
              payload:
                schemaFormat: application/schema+json;version=draft-07
                schema:
                  type: object
            asyncapiSchema:
              payload:
                schemaFormat: application/vnd.aai.asyncapi+yaml;version=3.0.0
                schema:
                  $ref: '#/components/schemas/Ride'
            avro:
              payload:
                schemaFormat: application/vnd.apache.avro;version=1.9.0
                schema:
                  type: record
                  name: Ride
                  fields: []
          schemas:
            Ride:
              type: object
        """
    )
    changes = inject_titles(document)
    assert [(c.pointer, c.title) for c in changes] == [("/components/messages/jsonSchema/payload/schema", "JsonSchema")]
    data = document.plain()
    assert "title" not in data["components"]["messages"]["jsonSchema"]["payload"]
    assert "title" not in data["components"]["messages"]["avro"]["payload"]["schema"]
    assert "title" not in data["components"]["schemas"]["Ride"]


def test_a_schema_shared_through_an_anchor_is_copied_once_and_titled_once() -> None:
    """The anchored original keeps its text; every titled use shares one titled copy, so the
    aliases survive (one schema object, one type name: the first path that reaches it)."""
    document = doc(
        """\
        x-shared:
          point: &point
            # the point's comment stays with the original, once
            type: object
            properties:
              x: {type: number}
        components:
          messages:
            start:
              payload: *point
            stop:
              payload:
                type: object
                properties:
                  at: *point
        """
    )
    changes = inject_titles(document)
    assert [(c.pointer, c.title) for c in changes] == [
        ("/components/messages/start/payload", "Start"),
        ("/components/messages/stop/payload", "Stop"),
    ]
    assert dumps(document) == textwrap.dedent(
        """\
        x-shared:
          point: &point
            # the point's comment stays with the original, once
            type: object
            properties:
              x: {type: number}
        components:
          messages:
            start:
              payload: &Start
                title: Start
                type: object
                properties:
                  x: {type: number}
            stop:
              payload:
                title: Stop
                type: object
                properties:
                  at: *Start
        """
    )


def test_a_schema_anchored_inside_a_payload_is_titled_in_place() -> None:
    """Every use of the anchor is a titled use: nothing to protect, so no copy and no new lines
    but the titles."""
    text = """\
        components:
          messages:
            start:
              payload: &point
                type: object
                properties:
                  x: {type: number}
            stop:
              payload:
                type: object
                properties:
                  at: *point
        """
    document = doc(text)
    assert [c.title for c in inject_titles(document)] == ["Start", "Stop"]
    assert dumps(document) == textwrap.dedent(text).replace(
        "payload: &point\n", "payload: &point\n        title: Start\n"
    ).replace("      payload:\n        type", "      payload:\n        title: Stop\n        type")


def reachable_objects(node: Any) -> list[dict[str, Any]]:
    """Every distinct object schema under ``node`` (aliases followed once)."""
    seen: dict[int, dict[str, Any]] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict) and id(current) not in seen:
            seen[id(current)] = current
            stack.extend(current.get("properties", {}).values())
    return [schema for schema in seen.values() if schema.get("type") == "object"]


@pytest.mark.parametrize("depth", [8, 20])
def test_alias_dags_are_titled_once_per_shared_node(depth: int) -> None:
    """Linear in the document, not in the paths through it: at depth 20 there are a million
    paths; each shared node is visited and titled once, and the output keeps its aliases.

    Depth 20 is past what ``loads`` accepts (its alias-bomb guard expands aliases), so that tree
    is loaded by ruamel directly, as a caller holding a tree would.
    """
    from ruamel.yaml import YAML

    text = alias_dag(depth)
    document = Document(tree=YAML(typ="rt").load(text), source="dag.yaml")
    changes, calls = count_calls(lambda: inject_titles(document))
    assert [c.title for c in changes] == ["M"] + ["M" + "A" * level for level in range(1, depth + 1)]
    tree = document.tree
    payload = tree["components"]["messages"]["m"]["payload"]
    assert tree["components"]["messages"]["n"]["payload"] is payload
    titled = reachable_objects(payload)
    assert len(titled) == depth + 1 and all("title" in schema for schema in titled)
    assert not any("title" in schema for schema in reachable_objects(tree["x-defs"][f"l{depth}"]))
    out = dumps(document)
    assert out.count("title:") == depth + 1
    assert len(out.splitlines()) < 3 * len(text.splitlines())  # the copies are aliased, not expanded
    # linear: ~115 calls per line at every depth; walking per path would need 2**depth times more
    assert calls < 200 * len(text.splitlines()), f"{calls} calls: shared nodes are walked more than once"


@pytest.mark.parametrize("depth", [8, 14])
def test_an_alias_dag_titled_and_written_onto_its_own_file_stays_aliased(tmp_path: Path, depth: int) -> None:
    """write() updates the file the DAG was read from: same data as the titled tree, every
    shared node still written once (not once per path), and a second write changes nothing.

    Depth 14 is the deepest the alias-bomb guard admits (2**14 paths): comparing and patching
    per path would take minutes, so write() must visit each shared node once (~1,600-1,800
    calls per line at every depth).
    """
    text = alias_dag(depth)
    target = tmp_path / "dag.yaml"
    target.write_text(text, encoding="utf-8")
    document = load(target)
    inject_titles(document)
    result, calls = count_calls(lambda: write(document, target))
    assert result.changed
    assert calls < 2500 * len(text.splitlines()), f"{calls} calls: shared nodes are compared more than once"
    out = target.read_text(encoding="utf-8")
    assert load(target).plain() == document.plain()
    assert "x-defs:\n  l0: &l0\n" in out and "      a: *l0\n      b: *l0\n" in out  # untouched lines kept
    # one titled copy per shared node (per message at most), aliased below: 2**depth when expanded
    assert depth + 1 <= out.count("title:") <= 2 * (depth + 1)
    assert len(out.splitlines()) < 4 * len(text.splitlines())
    assert not write(document, target).changed


def test_an_alias_of_a_component_schema_is_the_component() -> None:
    text = """\
        components:
          schemas:
            Location: &location
              type: object
          messages:
            located:
              payload: *location
        """
    document = doc(text)
    assert inject_titles(document) == []
    assert "*location" in dumps(document)


def test_collisions_are_disambiguated_and_reported() -> None:
    document = doc(
        """\
        channels:
          a:
            messages:
              ping: {payload: {type: object}}
          b:
            messages:
              ping: {payload: {type: object}}
        components:
          schemas:
            Ping:
              type: string
        """
    )
    changes = inject_titles(document)
    assert changes == [
        TitleChange("/channels/a/messages/ping/payload", "Ping2", 4, "Ping", "/components/schemas/Ping"),
        TitleChange("/channels/b/messages/ping/payload", "Ping3", 7, "Ping", "/components/schemas/Ping"),
    ]


def test_collision_with_an_existing_title_elsewhere() -> None:
    document = doc(
        """\
        components:
          messages:
            ride:
              payload: {type: object}
            other:
              payload:
                title: Ride
                type: object
        """
    )
    (change,) = inject_titles(document)
    assert (change.title, change.wanted, change.collides_with) == ("Ride2", "Ride", "/components/messages/other/payload")


def test_message_without_usable_name_or_key_falls_back() -> None:
    document = doc(
        """\
        components:
          messages:
            '---':
              name: '!!'
              payload: {type: object}
        """
    )
    assert [c.title for c in inject_titles(document)] == ["Message"]


def test_comments_next_to_insertion_points_stay_where_they_were() -> None:
    document = doc(
        """\
        components:
          messages:
            rideRequested:  # the event
              name: ride.requested
              payload:
                # the payload
                type: object  # always an object
                properties:
                  pickup:  # where
                    type: object
        # trailing comment
        """
    )
    inject_titles(document)
    assert dumps(document) == textwrap.dedent(
        """\
        components:
          messages:
            rideRequested:  # the event
              name: ride.requested
              payload:
                # the payload
                title: RideRequested
                type: object  # always an object
                properties:
                  pickup:  # where
                    title: RideRequestedPickup
                    type: object
        # trailing comment
        """
    )


def test_plain_data_documents_are_titled_too() -> None:
    document = from_data({"components": {"messages": {"hello": {"payload": {"type": "object"}}}}})
    assert [c.title for c in inject_titles(document)] == ["Hello"]
    assert document.plain()["components"]["messages"]["hello"]["payload"] == {"title": "Hello", "type": "object"}


def test_a_document_without_messages_is_left_alone() -> None:
    document = doc("asyncapi: 3.0.0\ninfo: {title: x, version: '1'}\n")
    assert inject_titles(document) == []


schemas = st.recursive(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "number"])}, optional={"title": st.sampled_from(["Given", "Ride"])})
    | st.fixed_dictionaries({"enum": st.just(["a", "b"])}),
    lambda children: st.fixed_dictionaries(
        {"type": st.just("object"), "properties": st.dictionaries(st.sampled_from(["pickup", "drop_off", "ride-id", "x"]), children, max_size=3)},
        optional={"title": st.sampled_from(["Given", "Ride"])},
    )
    | st.fixed_dictionaries({"type": st.just("array"), "items": children}),
    max_leaves=8,
)


def nested_objects(schema: Any, path: str = "") -> list[str]:
    """Pointers of every nested object or enum schema (what generators turn into types)."""
    found = []
    for key, child in (schema.get("properties") or {}).items():
        found += [f"{path}/properties/{key}"] if ("properties" in child or "enum" in child) else []
        found += nested_objects(child, f"{path}/properties/{key}")
    if "items" in schema:
        child = schema["items"]
        found += [f"{path}/items"] if ("properties" in child or "enum" in child) else []
        found += nested_objects(child, f"{path}/items")
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(schemas, min_size=1, max_size=3))
def test_every_nested_type_is_titled_uniquely_and_given_titles_kept(payloads: list[dict[str, Any]]) -> None:
    data = {"components": {"messages": {f"m{i}": {"payload": p} for i, p in enumerate(payloads)}}}
    document = from_data(json.loads(json.dumps(data)))
    changes = inject_titles(document)
    result = document.plain()
    for i, payload in enumerate(payloads):
        titled = result["components"]["messages"][f"m{i}"]["payload"]
        assert "title" in titled
        for pointer in nested_objects(payload):
            assert "title" in at(titled, pointer)
            if "title" in at(payload, pointer):
                assert at(titled, pointer)["title"] == at(payload, pointer)["title"]
    injected = [c.title for c in changes]
    assert len(set(injected)) == len(injected)
    assert all(t.isidentifier() for t in injected)
    assert not set(injected) & {"Given", "Ride"}


@pytest.mark.node
def test_modelina_names_no_type_anonymously(tmp_path: Path) -> None:
    """The independent check: @asyncapi/modelina generates TypeScript without AnonymousSchema_N."""
    if shutil.which("node") is None or not (REPO_ROOT / "node_modules" / "@asyncapi" / "modelina").is_dir():
        raise RuntimeError("node and the npm packages are needed: run scripts/bootstrap")
    document = doc(
        RIDES
        + """\
      located:
        payload:
          $ref: '#/components/schemas/Location'
operations:
  rides:
    action: send
    channel: {$ref: '#/channels/rides'}
    messages:
      - $ref: '#/channels/rides/messages/requestRide'
      - $ref: '#/channels/rides/messages/ride_cancelled'
      - $ref: '#/channels/rides/messages/located'
components:
  schemas:
    Location:
      type: object
      properties:
        precision: {type: string, enum: [low, high]}
        shape:
          oneOf:
            - {type: object, properties: {r: {type: number}}}
            - {type: object, properties: {w: {type: number}}}
"""
    )
    script = """
    const fs = require('fs');
    const { Parser } = require('@asyncapi/parser');
    const { TypeScriptGenerator } = require('@asyncapi/modelina');
    (async () => {
      const { document, diagnostics } = await new Parser().parse(fs.readFileSync(0, 'utf8'));
      if (!document) throw new Error(JSON.stringify(diagnostics.map((d) => d.message)));
      const models = await new TypeScriptGenerator({ modelType: 'interface', enumType: 'union' }).generate(document);
      process.stdout.write(JSON.stringify(models.map((m) => m.modelName)));
    })().catch((err) => { process.stderr.write(String(err)); process.exit(1); });
    """

    def model_names(text: str) -> set[str]:
        run = subprocess.run(["node", "-e", script], input=text, capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
        assert run.returncode == 0, run.stderr
        return set(json.loads(run.stdout))

    untitled = model_names(dumps(document))
    assert any(name.startswith("AnonymousSchema") for name in untitled)
    changes = inject_titles(document)
    names = model_names(dumps(document))
    assert not any(name.startswith("AnonymousSchema") for name in names), names
    assert {"RideRequest", "RideRequestPickup", "RideRequestStopsItemKind", "LocationShapeOption1"} <= names
    assert {c.title for c in changes} >= {"RideRequestVehicle", "RideCancelled", "LocationPrecision"}


def test_a_title_below_a_merge_key_never_reaches_the_merged_anchor() -> None:
    """``<<: *base`` shares base's nodes: the titled part is copied into an explicit key."""
    document = doc(
        """\
        x-base: &base
          type: object
          properties:
            id: {type: object}
        components:
          messages:
            a:
              payload:
                <<: *base
                description: merged
        """
    )
    assert [c.title for c in inject_titles(document)] == ["A", "AId"]
    data = document.plain()
    assert data["x-base"] == {"type": "object", "properties": {"id": {"type": "object"}}}
    assert data["components"]["messages"]["a"]["payload"] == {
        "type": "object",
        "title": "A",
        "description": "merged",
        "properties": {"id": {"title": "AId", "type": "object"}},
    }
    assert loads(dumps(document)).plain() == data


def test_a_ref_target_that_an_alias_also_shows_is_copied_at_the_ref_target() -> None:
    document = doc(
        """\
        x-defs:
          foo: &foo
            type: object
        x-other: *foo
        components:
          messages:
            a:
              payload:
                $ref: '#/x-defs/foo'
        """
    )
    assert [(c.pointer, c.title) for c in inject_titles(document)] == [("/x-defs/foo", "A")]
    data = loads(dumps(document)).plain()
    assert data["x-defs"]["foo"] == {"title": "A", "type": "object"}
    assert data["x-other"] == {"type": "object"}


def test_a_message_shared_by_a_channel_and_components_is_titled_once_in_place() -> None:
    text = """\
        components:
          messages:
            a: &msg
              payload:
                type: object
        channels:
          c:
            messages:
              a: *msg
        """
    document = doc(text)
    assert [c.title for c in inject_titles(document)] == ["A"]
    assert dumps(document) == textwrap.dedent(text).replace("        type: object\n", "        title: A\n        type: object\n")


def test_a_dict_shared_by_a_generator_is_titled_once_and_its_other_user_untouched() -> None:
    """Plain data shares objects the way aliases do (a generator reusing one schema dict)."""
    shared: dict[str, Any] = {"type": "object", "properties": {"x": {"type": "object"}}}
    spec = {
        "components": {
            "messages": {
                "a": {"payload": shared},
                "b": {"payload": {"type": "object", "properties": {"s": shared}}},
            }
        },
        "x-defs": {"s": shared},
    }
    assert [c.title for c in inject_titles(Document(tree=spec, source="<generated>"))] == ["A", "AX", "B"]
    messages = spec["components"]["messages"]
    assert messages["b"]["payload"]["properties"]["s"] is messages["a"]["payload"]
    assert messages["a"]["payload"]["properties"]["x"]["title"] == "AX"
    assert spec["x-defs"]["s"] is shared and shared == {"type": "object", "properties": {"x": {"type": "object"}}}


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_unshared_trees_get_the_same_titles_written_in_place(path: Path) -> None:
    # A JSON round trip makes a tree in which no node is reachable twice: the promise the
    # generator makes with unshared=True. The titles and the tree must be what the default gives.
    data = json.loads(json.dumps(load(path).plain()))
    checked, promised = json.loads(json.dumps(data)), json.loads(json.dumps(data))
    changes = inject_titles(Document(tree=checked, source="<a>"))
    assert inject_titles(Document(tree=promised, source="<a>"), unshared=True) == changes
    assert json.dumps(promised) == json.dumps(checked)


def test_unshared_writes_into_the_very_schema_objects() -> None:
    payload: dict[str, Any] = {"type": "object", "properties": {"pickup": {"type": "object", "properties": {}}}}
    tree = {"asyncapi": "3.0.0", "components": {"messages": {"rideRequested": {"payload": payload}}}}
    inject_titles(Document(tree=tree, source="<a>"), unshared=True)
    assert tree["components"]["messages"]["rideRequested"]["payload"] is payload
    assert payload["title"] == "RideRequested"
    assert payload["properties"]["pickup"]["title"] == "RideRequestedPickup"
