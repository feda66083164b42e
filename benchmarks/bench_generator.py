#!/usr/bin/env python3
"""Benchmark: django_bridge's AsyncAPIGenerator against its peers on equivalent consumers.

    .venv/bin/python benchmarks/bench_generator.py [--consumers 50] [--handlers 20] [--repeat 3]
                                                   [--names distinct|colliding|both] [--skip-peers]

Builds N consumers × M handlers (half client actions, half server events; payloads rotate through
Pydantic models with a nested model, dataclasses with UUID/Decimal/list/Optional fields and DRF
serializers; every handler has a summary, a two-paragraph description, tags and an example),
then times ``get_spec()`` and ``get_yaml()`` on a fresh generator each run (medians; the first,
cold run is shown too: later runs reuse per-class Pydantic core schemas), and checks that
``get_yaml()`` is byte-identical to ``asyncapi_tools.dumps(from_data(get_spec()))``, to what
``asyncapi_tools.write`` puts in a fresh file, and to ruamel's own dump of the same data.
Every payload class is made by ``create_model``/``make_dataclass``/``type()``, as factories in
real projects make them. With ``--names colliding`` the classes of every slot share a few names
that collide after PascalCase (``ride_request``, ``RideRequest``, ``Ride_Request``), as do one
action and one event per pair of handlers (``do_0_0`` and ``do.0.0``): the naming module must
tell them all apart, quickly. ``both`` (the default) runs the two scenarios one after the other.

For our package the time of the cold and of a warm ``get_yaml()`` is split into its steps
(payload schemas, channels & naming, titles, example checks, building the dict, YAML emit), and
``asyncapi_tools.validate`` of the result (what ``export_asyncapi --check`` adds) is timed too.
The spec view's first request is timed in a fresh process of its own (``AsyncAPISpecView`` as a
project mounts it, called through Django's ``RequestFactory``), against that scenario's cold
``get_yaml()``, and so are its later requests, which it answers from its cache.

A peer that documents fewer operations or fewer bytes than we do (with colliding names, the
reference package keeps one of two messages whose names collide, and chanx one of the schemas
sharing a name) is doing less work: the report says so next to the ratios, and the goals are
judged in the scenario where every package documents the same operations (distinct names); with
colliding names they are printed for the record only.

Our payload dataclasses here are plain (UUID, str, Decimal, int, list, Optional fields), so the
plain-dataclass shortcut describes them without Pydantic; a run in a fresh process of its own
times the cold ``get_yaml()`` with that shortcut off, as a project whose dataclasses the shortcut
does not take (a set field, an enum used twice, field metadata) would wait.

The peers run in their own virtualenv, ``benchmarks/.venv-peers`` (created on first use with pip
from PyPI; git-ignored), on the same consumers, in the same run:

- django-channels-spectacular 0.1.1: the same decorators, imported from ``channels_spectacular``;
- chanx: its ``@ws_handler``/``@event_handler`` on Pydantic message classes (chanx only accepts
  Pydantic), one channel per consumer.

A peer that cannot be installed or driven is reported as such; our own numbers are always printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER_VENV = HERE / ".venv-peers"
PEER_PACKAGES = [
    "django-channels-spectacular==0.1.1",
    "chanx[channels]",
    "pyyaml",
    "django>=5.2,<6",
    "channels",
    "djangorestframework",
    "pydantic>=2.5",
]
DESCRIPTION = (
    "This handler does one thing and documents it at length, as real projects do.\n\n"
    "A second paragraph explains the edge cases, the permissions it needs and what it sends back."
)


# -- the synthetic project (runs under any of the three packages) -------------------------------


#: Class names that collide after PascalCase (``--names colliding``).
COLLIDING = ["ride_request", "RideRequest", "Ride_Request", "rideRequest"]


def make_types(index: int, names: str = "distinct") -> dict[str, Any]:
    """The payload types of one handler slot: a Pydantic model, a dataclass and a serializer."""
    import dataclasses
    import decimal
    import uuid
    from typing import Optional

    from pydantic import BaseModel, create_model
    from rest_framework import serializers

    colliding = COLLIDING[index % len(COLLIDING)]
    model_name, data_name, form_name, nested_name = (
        (f"Model{index}", f"Data{index}", f"Form{index}Serializer", f"Location{index}")
        if names == "distinct"
        else (colliding, colliding, colliding, f"{colliding}_location")
    )
    nested = create_model(nested_name, lat=(float, ...), lng=(float, ...), __base__=BaseModel)
    fields: dict[str, Any] = {
        "id": (uuid.UUID, ...),
        "name": (str, ...),
        "count": (int, 0),
        "price": (decimal.Decimal, ...),
        "tags": (list[str], []),
        "note": (Optional[str], None),  # noqa: UP045
    }
    if index % 4 == 0:
        fields["where"] = (nested, ...)
    model = create_model(model_name, __base__=BaseModel, **fields)
    data = dataclasses.make_dataclass(
        data_name,
        [
            ("id", uuid.UUID),
            ("name", str),
            ("price", decimal.Decimal),
            ("count", int, dataclasses.field(default=0)),
            ("tags", list[str], dataclasses.field(default_factory=list)),
            ("note", Optional[str], dataclasses.field(default=None)),  # noqa: UP045
        ],
    )
    serializer = type(
        form_name,
        (serializers.Serializer,),
        {
            "id": serializers.UUIDField(),
            "name": serializers.CharField(max_length=80, help_text="A name"),
            "price": serializers.DecimalField(max_digits=8, decimal_places=2),
            "count": serializers.IntegerField(required=False, min_value=0),
            "kind": serializers.ChoiceField(choices=["a", "b", "c"]),
            "when": serializers.DateTimeField(),
            "__module__": "bench",
        },
    )
    return {"pydantic": model, "dataclass": data, "drf": serializer}


def example_for(kind: str) -> dict[str, Any]:
    common = {"id": "d290f1ee-6c54-4b01-90e6-d701748f0851", "name": "Emeka", "price": "15.00"}
    if kind == "drf":
        return {**common, "kind": "a", "when": "2026-01-01T10:00:00Z"}
    return common


def build_decorated(
    document_action: Any, document_event: Any, base: type, consumers: int, handlers: int, names: str = "distinct"
) -> list[tuple[type, str]]:
    """Consumers for django_bridge and django-channels-spectacular (same decorator API)."""
    kinds = ["pydantic", "dataclass", "drf"]
    result = []
    slot = 0
    for c in range(consumers):
        namespace: dict[str, Any] = {"__module__": "bench"}
        for h in range(handlers):
            kind = kinds[slot % 3]
            payload = make_types(slot, names)[kind]
            slot += 1
            if h % 2 == 0:
                action = f"do_{c}_{h}"

                async def handler(self: Any, content: Any) -> None: ...

                handler.__name__ = f"handle_{action}"
                namespace[handler.__name__] = document_action(
                    summary=f"Do {h}",
                    description=DESCRIPTION,
                    payload=payload,
                    tags=["bench", kind],
                    examples=[{"name": "one", "payload": {"action": action, **example_for(kind)}}],
                )(handler)
            else:
                # colliding: the event spells the previous handler's action with dots
                event = f"thing.{c}.{h}" if names == "distinct" else f"do.{c}.{h - 1}"

                async def handler(self: Any, event_: Any) -> None: ...

                handler.__name__ = f"thing_{c}_{h}"
                namespace[handler.__name__] = document_event(
                    event,
                    summary=f"Thing {h} happened",
                    description=DESCRIPTION,
                    payload=payload,
                    tags=["bench", kind],
                    examples=[{"name": "one", "payload": {"type": event, **example_for(kind)}}],
                )(handler)
        result.append((type(f"Consumer{c}", (base,), namespace), f"/ws/consumer{c}/"))
    return result


def setup_django() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "channels", "rest_framework"],
            DATABASES={},
            USE_TZ=True,
            SECRET_KEY="bench",
            ALLOWED_HOSTS=["testserver"],
            CHANNELS_SPECTACULAR_SETTINGS={"TITLE": "Bench", "VERSION": "1.0.0"},
        )
        django.setup()


def timed(function: Any, repeat: int) -> tuple[float, Any]:
    median, _, result = timed_runs(function, repeat)
    return median, result


def timed_runs(function: Any, repeat: int) -> tuple[float, float, Any]:
    """(median, first run, result): the first run is the cold one where caches are empty."""
    runs = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs[0], result


# -- where our time goes ----------------------------------------------------------------------------

#: Steps of ``get_yaml()``: (module, attribute path) of the functions that make each, wrapped with
#: a timer while the benchmark runs. They run one after the other, never nested; what no step
#: covers is shown as "other". A step whose function has moved is reported as not measured.
STEPS: dict[str, list[tuple[str, str]]] = {
    "payload schemas": [("django_bridge.generation.schemas", "convert_payloads")],
    "channels & naming": [
        ("django_bridge.generation.channels", "collect_channels"),
        ("django_bridge.generation.schemas", "name_schemas"),
    ],
    # the generator's titles go through the pipeline's middle (build, without validation)
    "titles": [("asyncapi_tools", "build")],
    "example checks": [("django_bridge.generation.examples", "check_examples")],
    "building the dict": [("django_bridge.generation.document", "write_document")],
    "YAML emit": [("asyncapi_tools", "dumps")],
}


class StepTimer:
    """Wraps the functions of :data:`STEPS` with timers; ``take()`` returns and resets the totals."""

    def __init__(self) -> None:
        import functools
        import importlib

        self.totals: dict[str, float] = dict.fromkeys(STEPS, 0.0)
        self.missing: list[str] = []
        for step, places in STEPS.items():
            for module_name, attribute in places:
                owner: Any = importlib.import_module(module_name)
                *path, name = attribute.split(".")
                for part in path:
                    owner = getattr(owner, part, None)
                original = getattr(owner, name, None) if owner is not None else None
                if original is None:
                    self.missing.append(f"{module_name}.{attribute}")
                    continue

                def timed_step(*args: Any, _original: Any = original, _step: str = step, **kwargs: Any) -> Any:
                    start = time.perf_counter()
                    try:
                        return _original(*args, **kwargs)
                    finally:
                        self.totals[_step] += time.perf_counter() - start

                setattr(owner, name, functools.wraps(original)(timed_step))

    def take(self, total: float) -> dict[str, float]:
        split = {**self.totals, "other": total - sum(self.totals.values())}
        self.totals = dict.fromkeys(STEPS, 0.0)
        return split


def format_split(split: dict[str, float]) -> str:
    return ", ".join(f"{step} {seconds * 1000:.0f}" for step, seconds in split.items()) + " (ms)"


# -- one process per package ----------------------------------------------------------------------


def run_ours(consumers: int, handlers: int, repeat: int, names: str) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    setup_django()
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    import asyncapi_tools
    from django_bridge import AsyncAPIGenerator, document_action, document_event

    start = time.perf_counter()
    pairs = build_decorated(document_action, document_event, AsyncJsonWebsocketConsumer, consumers, handlers, names)
    build = time.perf_counter() - start
    steps = StepTimer()
    splits: list[dict[str, float]] = []

    def split_yaml() -> str:
        begin = time.perf_counter()
        text = generator().get_yaml()
        splits.append(steps.take(time.perf_counter() - begin))
        return text

    def generator() -> Any:
        return AsyncAPIGenerator(consumers=pairs, info={"title": "Bench", "version": "1.0.0"})

    def generator_with_spec(spec: dict[str, Any]) -> Any:
        built = generator()
        built._spec = spec  # measure the writer alone, on the spec already built
        return built

    yaml_time, yaml_first, text = timed_runs(split_yaml, repeat)
    spec_time, spec = timed(lambda: generator().get_spec(), repeat)
    validate_time, validate_first, _ = timed_runs(lambda: asyncapi_tools.validate(asyncapi_tools.from_data(spec)), repeat)
    from_data_time, document = timed(lambda: asyncapi_tools.from_data(spec), repeat)
    dump_time, canonical = timed(lambda: asyncapi_tools.dumps(document), repeat)
    json_time, _ = timed(lambda: generator_with_spec(spec).get_json(), repeat)
    # the references: ruamel's round-trip dump of the same data, and a fresh file from write()
    import tempfile

    from asyncapi_tools import _yaml

    ruamel_time, ruamel_text = timed(lambda: _yaml._round_trip_dump(_yaml.from_plain(spec)), 1)
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "asyncapi.yaml"
        asyncapi_tools.write(asyncapi_tools.from_data(spec), target)
        written = target.read_text(encoding="utf-8")
    identical = text == canonical == written == ruamel_text
    errors = [d for d in asyncapi_tools.validate(asyncapi_tools.from_data(spec)) if d.severity == "error"]
    collisions = [d for d in generator().diagnostics if d.code == "name-collision"]
    return {
        "package": "django_bridge (ours)",
        "split_first": splits[0],
        "split_warm": splits[-1],
        "split_missing": steps.missing,
        "validate_s": validate_time,
        "validate_first_s": validate_first,
        "name_collisions": len(collisions),
        "build_consumers_s": build,
        "get_spec_s": spec_time,
        "get_yaml_s": yaml_time,
        "get_yaml_first_s": yaml_first,
        "from_data_s": from_data_time,
        "dumps_s": dump_time,
        "ruamel_dump_s": ruamel_time,
        "get_json_of_built_spec_s": json_time,
        "bytes": len(text.encode()),
        "operations": len(spec["operations"]),
        "identical_to_canonical_writer": identical,
        "identical_parts": {
            "dumps(from_data(spec))": text == canonical,
            "write() into a fresh file": text == written,
            "ruamel round-trip dump": text == ruamel_text,
        },
        "validation_errors": len(errors),
    }


def run_view(consumers: int, handlers: int, repeat: int, names: str) -> dict[str, Any]:
    """The spec view's first request in a fresh process (what a developer opening the docs
    after a restart waits for), then later requests, which the view answers from its cache.
    Requests go through Django's ``RequestFactory`` into ``AsyncAPISpecView`` as a project mounts
    it; the servers are derived from the request, as with no SERVERS setting."""
    sys.path.insert(0, str(ROOT))
    setup_django()
    from channels.generic.websocket import AsyncJsonWebsocketConsumer
    from django.test import RequestFactory

    from django_bridge import document_action, document_event
    from django_bridge.web.spec_view import AsyncAPISpecView

    pairs = build_decorated(document_action, document_event, AsyncJsonWebsocketConsumer, consumers, handlers, names)
    view = AsyncAPISpecView.as_view(consumers=pairs, info={"title": "Bench", "version": "1.0.0"})
    factory = RequestFactory()

    def request() -> Any:
        response = view(factory.get("/asyncapi.yaml"))
        if response.status_code != 200:
            raise SystemExit(f"the spec view answered {response.status_code}: {response.content[:200]!r}")
        return response

    later, first, response = timed_runs(request, repeat + 1)
    return {"view_first_s": first, "view_later_s": later, "view_bytes": len(response.content)}


def run_dcs(consumers: int, handlers: int, repeat: int, names: str) -> dict[str, Any]:
    setup_django()
    from channels.generic.websocket import AsyncJsonWebsocketConsumer
    from channels_spectacular import AsyncAPIGenerator, document_action, document_event

    start = time.perf_counter()
    pairs = build_decorated(document_action, document_event, AsyncJsonWebsocketConsumer, consumers, handlers, names)
    build = time.perf_counter() - start

    def generator() -> Any:
        return AsyncAPIGenerator(consumers=pairs, info={"title": "Bench", "version": "1.0.0"})

    spec_time, spec = timed(lambda: generator().get_spec(), repeat)
    yaml_time, text = timed(lambda: generator().get_yaml(), repeat)
    return {
        "package": "django-channels-spectacular 0.1.1",
        "build_consumers_s": build,
        "get_spec_s": spec_time,
        "get_yaml_s": yaml_time,
        "bytes": len(text.encode()),
        "operations": len(spec["operations"]),
    }


def run_chanx(consumers: int, handlers: int, repeat: int, names: str) -> dict[str, Any]:
    """chanx on equivalent consumers: Pydantic messages with an action/type literal."""
    setup_django()
    from typing import Literal

    import yaml
    from chanx.asyncapi.generator import AsyncAPIGenerator
    from chanx.channels.websocket import AsyncJsonWebsocketConsumer
    from chanx.core.decorators import channel, event_handler, ws_handler
    from chanx.messages.base import BaseMessage
    from chanx.routing.discovery import RouteInfo
    from pydantic import create_model

    start = time.perf_counter()
    routes = []
    slot = 0
    for c in range(consumers):
        namespace: dict[str, Any] = {"__module__": "bench"}
        for h in range(handlers):
            body = make_types(slot, names)["pydantic"]
            slot += 1
            if h % 2 == 0:
                name = f"do_{c}_{h}"
                message = create_model(f"Do{c}x{h}", __base__=BaseMessage, action=(Literal[name], name), payload=(body, ...))  # type: ignore[valid-type]

                async def handler(self: Any, message: Any) -> None: ...

                handler.__annotations__ = {"message": message, "return": None}
                handler.__name__ = f"handle_{name}"
                namespace[handler.__name__] = ws_handler(summary=f"Do {h}", description=DESCRIPTION, tags=["bench"])(handler)
            else:
                name = f"thing_{c}_{h}"
                message = create_model(f"Thing{c}x{h}", __base__=BaseMessage, action=(Literal[name], name), payload=(body, ...))  # type: ignore[valid-type]

                async def handler(self: Any, event: Any) -> None: ...

                handler.__annotations__ = {"event": message, "return": None}
                handler.__name__ = name
                namespace[handler.__name__] = event_handler(summary=f"Thing {h}", description=DESCRIPTION, tags=["bench"])(handler)
        klass = channel(name=f"consumer{c}")(type(f"Consumer{c}", (AsyncJsonWebsocketConsumer,), namespace))
        routes.append(RouteInfo(path=f"ws/consumer{c}/", handler=klass, base_url="ws://localhost:8000", consumer=klass))
    build = time.perf_counter() - start

    def spec() -> Any:
        return AsyncAPIGenerator(routes=routes, title="Bench", version="1.0.0").generate()

    spec_time, document = timed(spec, repeat)
    yaml_time, text = timed(lambda: yaml.dump(spec(), sort_keys=False, allow_unicode=True), repeat)
    return {
        "package": "chanx",
        "build_consumers_s": build,
        "get_spec_s": spec_time,
        "get_yaml_s": yaml_time,
        "bytes": len(text.encode()),
        "operations": len(document.get("operations", {})),
    }


def run_without_shortcut(consumers: int, handlers: int, repeat: int, names: str) -> dict[str, Any]:
    """Our cold ``get_yaml()`` with every dataclass described by Pydantic, as a dataclass the
    plain-dataclass shortcut does not take is (a set field, an enum used twice, field metadata):
    what the shortcut saves, and what a project of such dataclasses waits for."""
    sys.path.insert(0, str(ROOT))
    setup_django()
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from django_bridge import AsyncAPIGenerator, document_action, document_event
    from django_bridge.payloads import plain_dataclass

    pairs = build_decorated(document_action, document_event, AsyncJsonWebsocketConsumer, consumers, handlers, names)
    dataclasses_taken = [plain_dataclass.read(payload) is not None for payload in payload_types(pairs)]
    plain_dataclass.read = lambda payload: None  # type: ignore[assignment]
    start = time.perf_counter()
    AsyncAPIGenerator(consumers=pairs, info={"title": "Bench", "version": "1.0.0"}).get_yaml()
    return {
        "no_shortcut_first_s": time.perf_counter() - start,
        "shortcut_taken": sum(dataclasses_taken),
        "dataclass_payloads": len(dataclasses_taken),
    }


def payload_types(pairs: list[tuple[type, str]]) -> list[Any]:
    """Every dataclass payload of the consumers."""
    import dataclasses

    from django_bridge.annotations.decorators import documented_handlers

    return [
        doc.payload
        for consumer, _ in pairs
        for _, doc in documented_handlers(consumer)
        if dataclasses.is_dataclass(doc.payload)
    ]


PEERS = {"ours": run_ours, "ours-view": run_view, "ours-no-shortcut": run_without_shortcut, "dcs": run_dcs, "chanx": run_chanx}


# -- orchestration --------------------------------------------------------------------------------


def ensure_peer_venv() -> Path | None:
    python = PEER_VENV / "bin" / "python"
    marker = PEER_VENV / ".installed"
    wanted = "\n".join(PEER_PACKAGES) + "\n"
    if marker.exists() and python.exists() and marker.read_text() == wanted:
        return python
    print(f"installing {', '.join(PEER_PACKAGES)} into {PEER_VENV.relative_to(ROOT)} ...", flush=True)
    try:
        if not python.exists():
            venv.EnvBuilder(with_pip=True).create(PEER_VENV)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"peers: could not create the peer environment ({exc}); only our numbers follow")
        return None
    marker.write_text(wanted)
    return python


def run_peer(python: Path, peer: str, args: argparse.Namespace, names: str) -> dict[str, Any] | str:
    """One package's measurements, in a fresh process (so that a first call is a cold one)."""
    command = [
        str(python), str(Path(__file__).resolve()), "--peer", peer, "--names", names,
        "--consumers", str(args.consumers), "--handlers", str(args.handlers), "--repeat", str(args.repeat),
    ]  # fmt: skip
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800, env=env, cwd=HERE, check=False)
    except subprocess.TimeoutExpired:
        return "timed out"
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return f"could not be driven: {last}"
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


#: (what, peer, ours key, peer key, goal): ours must be ``goal`` times faster (1.0: no slower).
GOALS = [
    ("get_yaml() warm", "django-channels-spectacular 0.1.1", "get_yaml_s", "get_yaml_s", 8.0),
    ("get_yaml() warm", "chanx", "get_yaml_s", "get_yaml_s", 5.0),
    ("get_yaml() cold, first call, vs their warm", "django-channels-spectacular 0.1.1", "get_yaml_first_s", "get_yaml_s", 4.0),
    ("get_yaml() cold, first call, vs their warm", "chanx", "get_yaml_first_s", "get_yaml_s", 2.5),
    ("get_spec()", "django-channels-spectacular 0.1.1", "get_spec_s", "get_spec_s", 1.0),
]


def report(names: str, results: list[dict[str, Any]]) -> bool:
    """Print one scenario's table, our split and the goals; False if our output is not canonical."""
    print()
    print(f"== payload and message names: {names} ==")
    print(f"{'package':36} {'get_spec':>10} {'get_yaml':>10} {'cold yaml':>10} {'size':>9} {'ops':>6}")
    for row in results:
        cold = f"{row['get_yaml_first_s'] * 1000:8.0f}ms" if "get_yaml_first_s" in row else f"{'':10}"
        print(
            f"{row['package']:36} {row['get_spec_s'] * 1000:8.0f}ms {row['get_yaml_s'] * 1000:8.0f}ms {cold} "
            f"{row['bytes'] / 1e6:7.2f}MB {row['operations']:6}"
        )
    ours = results[0]
    print()
    print(f"ours, cold get_yaml() split: {format_split(ours['split_first'])}")
    print(f"ours, warm get_yaml() split: {format_split(ours['split_warm'])}")
    if ours["split_missing"]:
        print(f"  (not measured, moved: {', '.join(ours['split_missing'])})")
    print(
        f"ours, validate() of the result (export_asyncapi --check): first {ours['validate_first_s'] * 1000:.0f} ms, "
        f"then {ours['validate_s'] * 1000:.0f} ms; name collisions reported: {ours['name_collisions']}"
    )
    print(
        f"ours, writers on the built spec: dumps {ours['dumps_s'] * 1000:.0f} ms (from_data's copy, not needed by "
        f"get_yaml: {ours['from_data_s'] * 1000:.0f} ms; ruamel's own dump of the same data: "
        f"{ours['ruamel_dump_s'] * 1000:.0f} ms; get_json: {ours['get_json_of_built_spec_s'] * 1000:.0f} ms)"
    )
    parts = ", ".join(f"{name}: {same}" for name, same in ours["identical_parts"].items())
    print(f"ours: get_yaml() byte-identical to {parts}; validation errors: {ours['validation_errors']}")
    view_ratio = ours["view_first_s"] / ours["get_yaml_first_s"]
    print(
        f"ours, spec view (fresh process, RequestFactory): first request {ours['view_first_s'] * 1000:.0f} ms "
        f"= {view_ratio:.2f}× get_yaml() cold (goal ≤ 1.5×: {'met' if view_ratio <= 1.5 else 'NOT met'}); "
        f"later requests {ours['view_later_s'] * 1000:.1f} ms (median, from the view's cache)"
    )
    print(
        f"ours, plain-dataclass shortcut: taken by {ours['shortcut_taken']} of {ours['dataclass_payloads']} dataclass "
        f"payloads; cold get_yaml() with every dataclass described by Pydantic instead (as one with a set field "
        f"or an enum used twice is): {ours['no_shortcut_first_s'] * 1000:.0f} ms"
    )
    peers = {row["package"]: row for row in results[1:]}
    less_work = set()
    for row in results[1:]:
        if row["operations"] != ours["operations"] or row["bytes"] < 0.9 * ours["bytes"]:
            less_work.add(row["package"])
            print(
                f"note: {row['package']} documents {row['operations']} operations in {row['bytes'] / 1e6:.2f} MB "
                f"against our {ours['operations']} in {ours['bytes'] / 1e6:.2f} MB: what the ratios compare is not the same work"
            )
    for what, package, ours_key, peer_key, goal in GOALS:
        row = peers.get(package)
        if row is None:
            continue
        ratio = row[peer_key] / ours[ours_key]
        if package in less_work and names != "distinct":
            # goals are judged where every package documents the same thing (distinct names); here
            # a peer drops or overwrites what collides, so its time is for less output: the ratio
            # per operation and per megabyte documented is shown beside it instead
            per_operation = ratio * ours["operations"] / row["operations"]
            per_megabyte = ratio * ours["bytes"] / row["bytes"]
            verdict = (
                f"not judged: it does less work here, see the note; per operation documented {per_operation:.1f}×, "
                f"per MB {per_megabyte:.1f}×"
            )
        else:
            verdict = "met" if ratio >= goal else "NOT met"
        print(f"{what} vs {package}: {ratio:.1f}× faster (goal ≥ {goal:g}×: {verdict})")
    return bool(ours["identical_to_canonical_writer"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--consumers", type=int, default=50, help="number of consumers (default 50)")
    parser.add_argument("--handlers", type=int, default=20, help="handlers per consumer (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown (default 3)")
    parser.add_argument(
        "--names",
        choices=["distinct", "colliding", "both"],
        default="both",
        help="payload class and message names: distinct, colliding after PascalCase, or both scenarios (default)",
    )
    parser.add_argument("--skip-peers", action="store_true", help="measure django_bridge only")
    parser.add_argument("--peer", choices=sorted(PEERS), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.peer:  # inside a fresh process: print one JSON line
        names = "distinct" if args.names == "both" else args.names
        print(json.dumps(PEERS[args.peer](args.consumers, args.handlers, args.repeat, names)))
        return

    print(f"{args.consumers} consumers × {args.handlers} handlers, median of {args.repeat}")
    peer_python = None if args.skip_peers else ensure_peer_venv()
    canonical = True
    for names in ["distinct", "colliding"] if args.names == "both" else [args.names]:
        ours = run_peer(Path(sys.executable), "ours", args, names)
        if isinstance(ours, str):
            raise SystemExit(f"django_bridge {ours}")
        view = run_peer(Path(sys.executable), "ours-view", args, names)
        if isinstance(view, str):
            raise SystemExit(f"django_bridge's spec view {view}")
        ours.update(view)
        without = run_peer(Path(sys.executable), "ours-no-shortcut", args, names)
        if isinstance(without, str):
            raise SystemExit(f"django_bridge without the plain-dataclass shortcut {without}")
        ours.update(without)
        results: list[dict[str, Any]] = [ours]
        if peer_python is not None:
            for peer in ("dcs", "chanx"):
                outcome = run_peer(peer_python, peer, args, names)
                if isinstance(outcome, str):
                    print(f"peer {peer}: {outcome}")
                else:
                    results.append(outcome)
        canonical = report(names, results) and canonical
    if not canonical:
        raise SystemExit("get_yaml() is not byte-identical to the canonical writer")


if __name__ == "__main__":
    main()
