"""Pydantic payload schemas are built once per class per process, and the cache never shows.

The cache is weakly keyed by the payload class and checked against the class's core schema, so
a second generator gives the same bytes without asking Pydantic again, a rebuilt model is asked
again, a dropped class is not kept alive, and names (collisions included) never depend on which
generator ran first.
"""

from __future__ import annotations

import dataclasses
import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel, create_model
from pydantic.json_schema import GenerateJsonSchema

from django_bridge import AsyncAPIGenerator, document_action, document_event
from django_bridge.annotations import hints


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many payload schemas were built (one item per call): JSON Schema generations Pydantic
    ran, and plain dataclasses described without it (:mod:`django_bridge.payloads.plain_dataclass`)."""
    from django_bridge.payloads import plain_dataclass

    # the plain-dataclass shortcut asks Pydantic about its probe once per process and mode: done
    # here, before counting, so that counts do not depend on which test ran first
    primer = plain_dataclass.read(dataclasses.make_dataclass("Primer", [("value", int)]))
    assert primer is not None
    for direction in ("in", "out"):
        assert plain_dataclass.describe(primer, direction) is not None
    calls: list[int] = []
    original = GenerateJsonSchema.generate_definitions
    original_describe = plain_dataclass.describe

    def counted(self: Any, inputs: Any) -> Any:
        calls.append(len(inputs))
        return original(self, inputs)

    def counted_describe(plain: Any, direction: Any) -> Any:
        calls.append(1)
        return original_describe(plain, direction)

    monkeypatch.setattr(GenerateJsonSchema, "generate_definitions", counted)
    monkeypatch.setattr(plain_dataclass, "describe", counted_describe)
    yield calls


def factory_consumers(count: int) -> list[tuple[type, str]]:
    """Consumers whose payloads are factory-made classes sharing one name (``Payload``), and
    names that collide after PascalCase (``ride_request``/``RideRequest``)."""
    pairs = []
    for index in range(count):
        nested = create_model("Payload", lat=(float, ...))
        model = create_model("Payload", where=(nested, ...), note=(str | None, None))
        data = dataclasses.make_dataclass("ride_request" if index % 2 else "RideRequest", [("id", int), ("tags", list[str])])

        async def ask(self: Any, content: Any) -> None: ...

        async def told(self: Any, event: Any) -> None: ...

        namespace = {
            "__module__": __name__,
            "handle_ask": document_action(payload=model, examples=[{"payload": {"where": {"lat": 1.0}}}])(ask),
            "told": document_event("ride.request", payload=data)(told),
        }
        pairs.append((type(f"Consumer{index}", (AsyncJsonWebsocketConsumer,), namespace), f"/ws/c{index}/"))
    return pairs


def yaml_of(pairs: list[tuple[type, str]]) -> tuple[str, list[str]]:
    generator = AsyncAPIGenerator(consumers=pairs)
    return generator.get_yaml(), [d.message for d in generator.diagnostics if d.code == "name-collision"]


def test_a_second_generator_reuses_every_schema_and_writes_the_same_bytes(generations: list[int]) -> None:
    pairs = factory_consumers(4)
    first, first_collisions = yaml_of(pairs)
    built = len(generations)
    assert built == 8  # one model and one dataclass per consumer (the nested model comes along)
    second, second_collisions = yaml_of(pairs)
    assert len(generations) == built
    assert second == first
    assert second_collisions == first_collisions
    assert any("'Payload'" in message for message in first_collisions)
    assert "  Payload4:" in first


def test_names_do_not_depend_on_which_classes_were_cached(generations: list[int]) -> None:
    pairs = factory_consumers(4)
    yaml_of(pairs[2:])  # the last two consumers' classes are cached, in another order of names
    mixed, _ = yaml_of(pairs)
    assert len(generations) == 8
    fresh, _ = yaml_of(factory_consumers(4))  # new classes: nothing cached
    # factory classes carry their id in Pydantic's refs: compare the documents, not the refs
    assert mixed == fresh


def test_a_rebuilt_model_is_generated_again(generations: list[int]) -> None:
    class Reading(BaseModel):
        value: float

    class Probe(AsyncJsonWebsocketConsumer):
        @document_action(payload=Reading)
        async def handle_read(self, content: Any) -> None: ...

    before = AsyncAPIGenerator(Probe, channel_path="/ws/p/").get_yaml()
    Reading.model_rebuild(force=True)  # a new core schema: the cached one no longer applies
    count = len(generations)
    after = AsyncAPIGenerator(Probe, channel_path="/ws/p/").get_yaml()
    assert len(generations) == count + 1
    assert after == before


def test_the_cache_does_not_keep_a_class_alive() -> None:
    def build() -> weakref.ref[type]:
        model = create_model("Gone", value=(int, ...))
        data = dataclasses.make_dataclass("GoneToo", [("value", int)])

        class Short(AsyncJsonWebsocketConsumer):
            @document_action(payload=model)
            async def handle_a(self, content: Any) -> None: ...

            @document_action(payload=data)
            async def handle_b(self, content: Any) -> None: ...

        AsyncAPIGenerator(Short, channel_path="/ws/s/").get_yaml()
        return weakref.ref(data)

    gone = build()
    # the type-hint reader keeps up to 4096 handler functions (and so their payloads) on purpose;
    # what is asserted here is that the schema caches add no reference of their own
    hints._annotations.cache_clear()
    gc.collect()
    assert gone() is None


def test_threads_building_at_once_write_the_same_bytes() -> None:
    pairs = factory_consumers(6)
    results: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        text, _ = yaml_of(pairs)
        with lock:
            results.append(text)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len(set(results)) == 1


def test_types_sharing_one_name_get_numbered_origins_in_order() -> None:
    from django_bridge.payloads import SchemaBank

    bank = SchemaBank()
    assert bank.origin("written", "python:m.Payload #3") == "python:m.Payload #3"
    origins = [bank.origin(index, "python:m.Payload") for index in range(300)]
    assert origins[:4] == ["python:m.Payload", "python:m.Payload #2", "python:m.Payload #4", "python:m.Payload #5"]
    assert len(set(origins)) == 300 and origins[-1] == "python:m.Payload #301"
    assert bank.origin(7, "python:m.Payload") == origins[7]  # the same type keeps its origin


def test_a_union_payload_used_by_many_handlers_is_built_once_per_generation(generations: list[int]) -> None:
    from typing import Annotated, Literal

    from pydantic import Field

    class Ping(BaseModel):
        kind: Literal["ping"] = "ping"

    class Pong(BaseModel):
        kind: Literal["pong"] = "pong"
        delay: float

    incoming = Annotated[Ping | Pong, Field(discriminator="kind")]
    pairs = []
    for index in range(5):

        async def handle(self: Any, content: Any) -> None: ...

        namespace = {"__module__": __name__, "handle_frame": document_action(payload=incoming)(handle)}
        pairs.append((type(f"Peer{index}", (AsyncJsonWebsocketConsumer,), namespace), f"/ws/peer{index}/"))
    first, _ = yaml_of(pairs)
    assert len(generations) == 1  # not a class: not kept across generations, but shared within one
    second, _ = yaml_of(pairs)
    assert len(generations) == 2 and second == first
    assert "  Ping:" in first and "  Pong:" in first
