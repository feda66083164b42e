"""Semantic rules: each has failing and passing cases, and the official parser is asked about
every failing case (in one batched node process).

Where @asyncapi/parser 3.6 has no equivalent rule (an address parameter with no `parameters`
at all, reply messages), the case says so with ``official=False`` and the test asserts that the
parser indeed stays silent, so a parser upgrade that starts catching it is noticed.
"""

from __future__ import annotations

import copy
import re
import shutil
import socket
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_tools import (
    Diagnostic,
    Document,
    dumps,
    from_data,
    load,
    loads,
    split_json_pointer,
    validate,
)
from tests._support.corpus import MULTI_FILE_EXAMPLE, example_id, multi_file_documents
from tests._support.diagnostics import errors
from tests._support.official import official_errors_many

BASE: dict[str, Any] = {
    "asyncapi": "3.0.0",
    "info": {"title": "Chat", "version": "1.0.0"},
    "servers": {"prod": {"host": "chat.example.com", "protocol": "wss"}},
    "channels": {
        "room": {
            "address": "/rooms/{roomId}",
            "parameters": {"roomId": {"description": "The room."}},
            "servers": [{"$ref": "#/servers/prod"}],
            "messages": {
                "hello": {"$ref": "#/components/messages/Hello"},
                "bye": {"$ref": "#/components/messages/Bye"},
            },
        },
        "lobby": {"$ref": "#/components/channels/Lobby"},
    },
    "operations": {
        "sayHello": {
            "action": "receive",
            "channel": {"$ref": "#/channels/room"},
            "messages": [{"$ref": "#/channels/room/messages/hello"}],
            "reply": {"channel": {"$ref": "#/channels/room"}, "messages": [{"$ref": "#/channels/room/messages/bye"}]},
        },
        "ping": {
            "action": "send",
            "channel": {"$ref": "#/channels/lobby"},
            "messages": [{"$ref": "#/channels/lobby/messages/ping"}],
            "reply": {"messages": [{"$ref": "#/channels/lobby/messages/ping"}]},
        },
    },
    "components": {
        "channels": {"Lobby": {"address": "/lobby", "messages": {"ping": {"$ref": "#/components/messages/Ping"}}}},
        "messages": {
            "Hello": {"name": "hello", "payload": {"type": "string"}},
            "Bye": {"name": "bye", "payload": {"type": "string"}},
            "Ping": {"name": "ping", "payload": {"type": "string"}},
        },
    },
}


def dump(data: dict[str, Any]) -> str:
    return dumps(from_data(data))


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[dict[str, Any]], object]
    code: str
    pointer: str
    official: bool = True  # does @asyncapi/parser 3.6 report an error too?


def _op(d: dict[str, Any]) -> dict[str, Any]:
    return d["operations"]["sayHello"]  # type: ignore[no-any-return]


FAILING = [
    Case("param-missing", lambda d: d["channels"]["room"].pop("parameters"), "address-parameter", "/channels/room/address", official=False),
    Case("param-misnamed", lambda d: d["channels"]["room"].update(parameters={"id": {}}), "address-parameter", "/channels/room/parameters/id"),
    Case("param-unused", lambda d: d["components"]["channels"]["Lobby"].update(parameters={"x": {}}), "address-parameter", "/components/channels/Lobby/parameters/x"),
    Case("op-channel-component", lambda d: d["operations"]["ping"].update(channel={"$ref": "#/components/channels/Lobby"}, messages=[], reply={}), "operation-channel", "/operations/ping/channel/$ref"),
    Case("op-message-other-channel", lambda d: _op(d).update(messages=[{"$ref": "#/channels/lobby/messages/ping"}]), "operation-message", "/operations/sayHello/messages/0"),
    Case("op-message-component", lambda d: _op(d).update(messages=[{"$ref": "#/components/messages/Hello"}]), "operation-message", "/operations/sayHello/messages/0"),
    Case("reply-message-other-channel", lambda d: _op(d)["reply"].update(messages=[{"$ref": "#/components/channels/Lobby/messages/ping"}]), "reply", "/operations/sayHello/reply/messages/0", official=False),
    Case("reply-no-channel-other", lambda d: _op(d).update(reply={"messages": [{"$ref": "#/components/channels/Lobby/messages/ping"}]}), "reply", "/operations/sayHello/reply/messages/0", official=False),
    Case("reply-channel-not-channel", lambda d: _op(d).update(reply={"channel": {"$ref": "#/components/messages/Hello"}}), "reply", "/operations/sayHello/reply/channel/$ref"),
    Case("server-ref-component", lambda d: (d["components"].update(servers={"s": {"host": "h", "protocol": "ws"}}), d["channels"]["room"].update(servers=[{"$ref": "#/components/servers/s"}])), "server-ref", "/channels/room/servers/0"),
    Case("unresolved-local", lambda d: d["channels"]["room"]["messages"].update(hello={"$ref": "#/components/messages/Helo"}), "unresolved-ref", "/channels/room/messages/hello/$ref"),
    Case("unresolved-server", lambda d: d["channels"]["room"].update(servers=[{"$ref": "#/servers/staging"}]), "unresolved-ref", "/channels/room/servers/0/$ref"),
    Case("unresolved-reply-channel", lambda d: _op(d)["reply"].update(channel={"$ref": "#/channels/nope"}, messages=[]), "unresolved-ref", "/operations/sayHello/reply/channel/$ref"),
    Case("unresolved-file", lambda d: d["components"]["messages"].update(Hello={"$ref": "./missing.yaml#/Hello"}), "unresolved-ref", "/components/messages/Hello/$ref"),
]


def build(case: Case) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    case.change(data)
    return data


@pytest.fixture(scope="module")
def case_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every failing case, and the valid base document, as files."""
    folder = tmp_path_factory.mktemp("semantic")
    files = {"base": folder / "base.yaml"}
    files["base"].write_text(dump(BASE), encoding="utf-8")
    for case in FAILING:
        files[case.name] = folder / f"{case.name}.yaml"
        files[case.name].write_text(dump(build(case)), encoding="utf-8")
    # a pointer typo into a relative file, in a copy of the multi-file example
    shutil.copytree(MULTI_FILE_EXAMPLE, folder / "social-media")
    backend = files["social-typo"] = folder / "social-media" / "backend" / "asyncapi.yaml"
    backend.write_text(backend.read_text().replace("../common/messages.yaml#/likeComment", "../common/messages.yaml#/likeComent"))
    return files


@pytest.fixture(scope="module")
def official(case_files: dict[str, Path]) -> dict[str, list[dict[str, Any]]]:
    """The official parser's errors for every case file: one node process for all of them."""
    found = official_errors_many([str(path) for path in case_files.values()])
    return {name: found[str(path)] for name, path in case_files.items()}


@pytest.mark.node
def test_base_document_is_valid_for_us_and_the_official_parser(
    case_files: dict[str, Path], official: dict[str, list[dict[str, Any]]]
) -> None:
    assert validate(load(case_files["base"])) == []
    assert official["base"] == []


@pytest.mark.node
@pytest.mark.parametrize("case", FAILING, ids=lambda case: case.name)
def test_failing_case(case: Case, case_files: dict[str, Path], official: dict[str, list[dict[str, Any]]]) -> None:
    doc = load(case_files[case.name])
    found = validate(doc)
    matching = [d for d in found if d.code == case.code and d.pointer == case.pointer]
    assert matching, f"expected {case.code} at {case.pointer}, got:\n" + "\n".join(d.format() for d in found)
    diagnostic = matching[0]
    assert diagnostic.severity == "error"
    assert diagnostic.file == str(case_files[case.name])
    assert (diagnostic.line, diagnostic.column) == doc.position(_steps(case.pointer, doc))
    assert diagnostic.hint or case.code == "unresolved-ref"
    if case.official:
        assert official[case.name], f"@asyncapi/parser found nothing wrong with {case.name}"
    else:
        assert official[case.name] == [], "the official parser now reports this case: set official=True"


def _steps(pointer: str, doc: Document) -> list[str | int]:
    """A JSON pointer as the path ``Document.position`` takes (list indexes as ints)."""
    steps: list[str | int] = []
    node: Any = doc.tree
    for step in split_json_pointer(pointer):
        key: str | int = int(step) if isinstance(node, list) else step
        steps.append(key)
        node = node[key] if isinstance(node, list | Mapping) else None
    return steps


def test_passing_variants_have_no_diagnostics(tmp_path: Path) -> None:
    variants = {
        # reply channel in components, messages from that channel
        "reply-component-channel": lambda d: _op(d).update(
            reply={"channel": {"$ref": "#/components/channels/Lobby"}, "messages": [{"$ref": "#/components/channels/Lobby/messages/ping"}]}
        ),
        # operation without messages: every message of the channel
        "no-messages": lambda d: _op(d).pop("messages"),
        # an address without parameters and a null address without parameters
        "static-address": lambda d: (d["channels"]["room"].update(address="/rooms"), d["channels"]["room"].pop("parameters")),
        "null-address": lambda d: (d["channels"]["room"].update(address=None), d["channels"]["room"].pop("parameters")),
        # a reply that is a $ref to components.replies
        "reply-ref": lambda d: (
            d["components"].update(replies={"Bye": {"channel": {"$ref": "#/channels/room"}, "messages": [{"$ref": "#/channels/room/messages/bye"}]}}),
            _op(d).update(reply={"$ref": "#/components/replies/Bye"}),
        ),
        # two keys referencing the same message object is not a name clash
        "same-message-twice": lambda d: d["channels"]["room"]["messages"].update(again={"$ref": "#/components/messages/Hello"}),
        # pointer escaping: channel ids with `/`
        "escaped-id": lambda d: (
            d["channels"].update({"a/b": {"address": "/ab", "messages": {"m": {"$ref": "#/components/messages/Ping"}}}}),
            d["operations"].update(ab={"action": "send", "channel": {"$ref": "#/channels/a~1b"}, "messages": [{"$ref": "#/channels/a~1b/messages/m"}]}),
        ),
    }
    for name, change in variants.items():
        data = copy.deepcopy(BASE)
        change(data)
        path = tmp_path / f"{name}.yaml"
        path.write_text(dump(data), encoding="utf-8")
        found = validate(load(path))
        assert found == [], f"{name}:\n" + "\n".join(d.format() for d in found)


def test_duplicate_names_are_warnings() -> None:
    data = copy.deepcopy(BASE)
    data["components"]["messages"]["Bye"]["name"] = "hello"
    found = validate(loads(dump(data), source="dup.yaml"))
    assert {d.code for d in found} == {"duplicate-name"}
    assert {d.severity for d in found} == {"warning"}
    assert {d.pointer for d in found} == {"/channels/room/messages/bye"}
    assert all("'hello'" in d.message for d in found)


def test_the_same_name_on_two_channels_is_fine() -> None:
    data = copy.deepcopy(BASE)
    data["components"]["messages"]["Hello2"] = copy.deepcopy(data["components"]["messages"]["Hello"])
    data["channels"]["hall"] = {"address": "/hall", "messages": {"hello": {"$ref": "#/components/messages/Hello2"}}}
    assert validate(loads(dump(data), source="two.yaml")) == []


def test_circular_refs_are_unresolved() -> None:
    # (the official parser never returns on this document, so it is not asked)
    data = copy.deepcopy(BASE)
    data["components"]["messages"]["Hello"] = {"$ref": "#/components/messages/Loop"}
    data["components"]["messages"]["Loop"] = {"$ref": "#/components/messages/Hello"}
    found = errors(validate(loads(dump(data), source="loop.yaml")))
    assert found and all(d.code == "unresolved-ref" for d in found)
    assert any("circular" in d.message and d.pointer == "/components/messages/Loop/$ref" for d in found)


def test_rules_survive_documents_of_the_wrong_shape() -> None:
    shapes: list[dict[str, Any]] = [
        {"asyncapi": "3.0.0", "channels": [], "operations": "x", "components": None},
        {"asyncapi": "3.0.0", "channels": {"a": None, "b": {"address": 3, "parameters": [], "servers": {}, "messages": []}}},
        {"asyncapi": "3.0.0", "operations": {"o": {"channel": "x", "messages": {}, "reply": [1]}}},
        {"asyncapi": "3.0.0", "operations": {"o": {"channel": {"$ref": 5}, "reply": {"channel": {"$ref": "#/x"}, "messages": None}}}},
    ]
    for data in shapes:
        # validate() runs the semantic rules after the schema, whatever the schema found
        found = validate(from_data(data))
        assert found and all(isinstance(d, Diagnostic) for d in found)


def test_relative_refs_without_a_directory_are_reported() -> None:
    data = copy.deepcopy(BASE)
    data["components"]["messages"]["Hello"] = {"$ref": "common.yaml#/Hello"}
    found = validate(loads(dump(data), source="<stdin>"))
    (diagnostic,) = [d for d in found if d.code == "unresolved-ref"]
    assert "not read from a file" in diagnostic.message
    assert "asyncapi_tools.load" in (diagnostic.hint or "")


# -- relative files: the multi-file example (and the shared social-media one) -------------------------

SOCIAL = multi_file_documents()


@pytest.mark.parametrize("path", SOCIAL, ids=example_id)
def test_social_media_relative_refs_resolve(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "../common/" in text
    found = validate(load(path))
    assert [d for d in found if d.code == "unresolved-ref"] == []
    assert errors(found) == []


@pytest.fixture()
def social_copy(tmp_path: Path) -> Path:
    shutil.copytree(MULTI_FILE_EXAMPLE, tmp_path / "social-media")
    return tmp_path / "social-media"


def test_typo_in_a_relative_file_names_the_file(social_copy: Path) -> None:
    backend = social_copy / "backend" / "asyncapi.yaml"
    text = backend.read_text(encoding="utf-8")
    backend.write_text(text.replace("../common/messages.yaml#/likeComment", "../common/mesages.yaml#/likeComment"), encoding="utf-8")
    found = validate(load(backend))
    bad = [d for d in found if d.code == "unresolved-ref"]
    assert len(bad) == 1
    assert "mesages.yaml" in bad[0].message
    assert "messages.yaml" in (bad[0].hint or "")
    line = next(i for i, text_line in enumerate(backend.read_text().splitlines(), 1) if "mesages.yaml" in text_line)
    assert bad[0].line == line
    assert bad[0].file == str(backend)


def test_typo_in_a_pointer_inside_a_referenced_file_is_located_there(social_copy: Path) -> None:
    messages = social_copy / "common" / "messages.yaml"
    messages.write_text(messages.read_text().replace("./schemas.yaml#/likeCommentPayload", "./schemas.yaml#/likeCommentPaylod"))
    found = validate(load(social_copy / "backend" / "asyncapi.yaml"))
    (bad,) = [d for d in found if d.code == "unresolved-ref"]
    assert bad.file is not None and Path(bad.file).resolve() == messages.resolve()
    assert bad.pointer == "/likeComment/payload/$ref"
    assert "likeCommentPayload" in (bad.hint or "")


@pytest.mark.node
def test_official_parser_agrees_on_a_pointer_typo_in_a_relative_file(
    case_files: dict[str, Path], official: dict[str, list[dict[str, Any]]]
) -> None:
    ours = errors(validate(load(case_files["social-typo"])))
    assert [(d.code, d.pointer) for d in ours] == [("unresolved-ref", "/channels/newLikeComment/messages/likeComment/$ref")]
    assert "messages.yaml" in ours[0].message and "likeComment" in (ours[0].hint or "")
    assert any(d["code"] == "invalid-ref" and "likeComent" in d["message"] for d in official["social-typo"])


# -- remote references ----------------------------------------------------------------------------


def test_remote_refs_are_warnings_and_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    data = copy.deepcopy(BASE)
    data["components"]["messages"]["Hello"]["payload"] = {"$ref": "https://example.com/schemas/hello.json"}
    data["components"]["messages"]["Bye"] = {"$ref": "http://example.com/messages.yaml#/Bye"}
    found = validate(loads(dump(data), source="remote.yaml"))
    assert errors(found) == []
    assert sorted(d.pointer for d in found if d.code == "remote-ref") == [
        "/components/messages/Bye/$ref",
        "/components/messages/Hello/payload/$ref",
    ]
    assert all(d.severity == "warning" for d in found)


# -- a property: address parameters ----------------------------------------------------------------

NAMES = st.lists(st.from_regex(r"[a-z][a-zA-Z0-9]{0,6}", fullmatch=True), max_size=4, unique=True)


@settings(max_examples=40, deadline=None)
@given(used=NAMES, declared=NAMES)
def test_address_parameters_are_exactly_the_declared_ones(used: list[str], declared: list[str]) -> None:
    data = copy.deepcopy(BASE)
    room = data["channels"]["room"]
    room["address"] = "/rooms" + "".join(f"/{{{name}}}" for name in used)
    room["parameters"] = {name: {"description": name} for name in declared}
    if not declared:
        room.pop("parameters")
    found = [d for d in validate(from_data(data)) if d.code == "address-parameter"]
    missing = {_used_name(d.message) for d in found if d.pointer.endswith("/address")}
    unused = {d.pointer.rsplit("/", 1)[1] for d in found if "/parameters/" in d.pointer}
    assert missing == set(used) - set(declared)
    assert unused == set(declared) - set(used)


def _used_name(message: str) -> str:
    match = re.search(r"uses \{(.+?)\}", message)
    assert match, message
    return match.group(1)
