"""Work a spec build shares or keeps, and why it never shows in the output (issue 18).

- a DRF serializer class whose fields are fixed by its declaration is converted once per process
  (kept on the class, so it goes when the class goes); one that computes its fields is
  converted for every spec;
- the examples of a document are checked by one validator, with the same findings as checking
  each on its own, and a payload whose schema cannot compile still names the payload at fault;
- Pydantic's ``json_schema_mode_override`` is honoured by the quicker mode lookup.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel, ConfigDict, computed_field
from rest_framework import serializers

from django_bridge import AsyncAPIGenerator, document_action, document_event
from django_bridge.annotations import hints
from django_bridge.generation import examples


class Money(serializers.Field):
    """A field class no mapping knows: documented as any value, with a warning."""

    def to_representation(self, value: Any) -> Any:
        return value


class PriceSerializer(serializers.Serializer):
    amount = Money()
    currency = serializers.ChoiceField(choices=["EUR", "NGN"])


class OfferSerializer(serializers.Serializer):
    ride_id = serializers.UUIDField()
    price = PriceSerializer()
    note = serializers.CharField(required=False, help_text="For the driver")


class QuoteSerializer(serializers.Serializer):
    price = PriceSerializer()


@pytest.fixture
def get_fields_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The serializers DRF was asked for (one item per serializer instantiated)."""
    calls: list[str] = []
    original = serializers.BaseSerializer.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(type(self).__name__)
        original(self, *args, **kwargs)

    monkeypatch.setattr(serializers.BaseSerializer, "__init__", counted)
    yield calls


def consumer_with(*payloads: Any) -> type:
    namespace: dict[str, Any] = {"__module__": __name__}
    for index, payload in enumerate(payloads):

        async def handler(self: Any, content: Any) -> None: ...

        handler.__name__ = f"handle_send_{index}"
        namespace[handler.__name__] = document_action(payload=payload)(handler)

        async def event(self: Any, content: Any) -> None: ...

        event.__name__ = f"sent_{index}"
        namespace[event.__name__] = document_event(f"sent.{index}", payload=payload)(event)
    return type("Shop", (AsyncJsonWebsocketConsumer,), namespace)


def build(consumer: type) -> tuple[str, list[str]]:
    generator = AsyncAPIGenerator(consumer, channel_path="/ws/shop/")
    return generator.get_yaml(), [diagnostic.format() for diagnostic in generator.diagnostics]


def test_a_static_serializer_is_converted_once_and_writes_the_same_bytes_and_warnings(get_fields_calls: list[str]) -> None:
    consumer = consumer_with(OfferSerializer, QuoteSerializer)
    first, first_warnings = build(consumer)
    assert get_fields_calls  # converted: Offer and Quote, with the Price nested in them
    converted = len(get_fields_calls)
    second, second_warnings = build(consumer)
    assert len(get_fields_calls) == converted  # nothing asked of DRF again
    assert second == first
    assert second_warnings == first_warnings
    # the nested serializer's unmapped field is reported once per direction, where it is first
    # converted (in Offer, never again in Quote)
    unmapped = [text for text in first_warnings if "drf-field-unmapped" in text]
    assert len(unmapped) == 2 and all("OfferSerializer.price.amount (Money)" in text for text in unmapped)
    assert "    Price:" in first  # one component for the nested serializer both payloads use


def test_a_cached_serializer_replays_into_a_bank_that_already_has_its_nested_type(get_fields_calls: list[str]) -> None:
    build(consumer_with(OfferSerializer))  # Offer (with Price) cached on its own
    mixed_yaml, mixed_warnings = build(consumer_with(QuoteSerializer, OfferSerializer))
    del get_fields_calls[:]

    class FreshPrice(serializers.Serializer):
        amount = Money()
        currency = serializers.ChoiceField(choices=["EUR", "NGN"])

    def get_fields(self: Any) -> Any:  # computes its fields: converted directly, never cached
        return super(type(self), self).get_fields()

    fresh_quote = type("QuoteSerializer", (serializers.Serializer,), {"__module__": __name__, "price": FreshPrice(), "get_fields": get_fields})
    fresh_offer = type(
        "OfferSerializer",
        (serializers.Serializer,),
        {
            "__module__": __name__,
            "get_fields": get_fields,
            "ride_id": serializers.UUIDField(),
            "price": FreshPrice(),
            "note": serializers.CharField(required=False, help_text="For the driver"),
        },
    )
    fresh_yaml, fresh_warnings = build(consumer_with(fresh_quote, fresh_offer))
    assert get_fields_calls  # converted as without any cache
    assert mixed_yaml == fresh_yaml.replace("FreshPrice", "Price")
    assert [text.replace("FreshPrice", "Price") for text in fresh_warnings] == mixed_warnings


def test_a_serializer_that_computes_its_fields_is_converted_for_every_spec() -> None:
    flags = {"beta": False}

    class FlaggedSerializer(serializers.Serializer):
        name = serializers.CharField()

        def get_fields(self) -> Any:
            fields = super().get_fields()
            if flags["beta"]:
                fields["beta_only"] = serializers.IntegerField()
            return fields

    consumer = consumer_with(FlaggedSerializer)
    before, _ = build(consumer)
    flags["beta"] = True
    after, _ = build(consumer)
    assert "beta_only" not in before
    assert "beta_only" in after


def test_the_serializer_cache_does_not_keep_a_class_alive() -> None:
    def convert() -> weakref.ref[type]:
        nested = type("GoneNested", (serializers.Serializer,), {"__module__": __name__, "n": serializers.IntegerField()})
        outer = type("GoneSerializer", (serializers.Serializer,), {"__module__": __name__, "inner": nested()})
        build(consumer_with(outer))
        return weakref.ref(outer)

    gone = convert()
    hints._annotations.cache_clear()  # the type-hint reader keeps handlers on purpose (see payload cache tests)
    gc.collect()
    assert gone() is None


def test_examples_checked_together_find_what_each_alone_finds() -> None:
    offer_example = {"ride_id": "d290f1ee-6c54-4b01-90e6-d701748f0851", "note": 5, "price": {"amount": 3, "currency": "USD"}}
    good_example = {"ride_id": "d290f1ee-6c54-4b01-90e6-d701748f0851", "price": {"amount": 3, "currency": "EUR"}}

    class Checked(AsyncJsonWebsocketConsumer):
        @document_action(payload=OfferSerializer, examples=[{"name": "bad", "payload": offer_example}, {"name": "good", "payload": good_example}])
        async def handle_offer(self, content: Any) -> None: ...

        @document_action(payload={"type": "object", "properties": {"n": {"type": "integer"}}}, examples=[{"payload": {"n": "x"}}])
        async def handle_count(self, content: Any) -> None: ...

    generator = AsyncAPIGenerator(Checked, channel_path="/ws/checked/")
    found = {d.pointer: d.message for d in generator.diagnostics if d.code == "example-invalid"}
    spec = generator.get_spec()
    schemas = spec["components"].get("schemas", {})
    alone = {}
    for name, message in spec["components"]["messages"].items():
        for index, example in enumerate(message["examples"]):
            problems = examples.example_errors(message["payload"], schemas, example["payload"])
            if problems:
                alone[f"/components/messages/{name}/examples/{index}/payload"] = problems
    assert set(found) == set(alone) == {"/components/messages/Offer/examples/0/payload", "/components/messages/Count/examples/0/payload"}
    for pointer, problems in alone.items():
        assert f"does not match its payload: {'; '.join(problems[:3])}" in found[pointer]
    assert "/note" in found["/components/messages/Offer/examples/0/payload"]
    assert "/price/currency" in found["/components/messages/Offer/examples/0/payload"]


def test_a_payload_schema_that_cannot_compile_is_named_and_the_other_examples_still_checked() -> None:
    class Broken(AsyncJsonWebsocketConsumer):
        @document_action(payload={"type": "object", "properties": {"code": {"type": "string", "pattern": "(["}}}, examples=[{"payload": {"code": "a"}}])
        async def handle_code(self, content: Any) -> None: ...

        @document_action(payload={"type": "object", "properties": {"n": {"type": "integer"}}}, examples=[{"payload": {"n": "x"}}])
        async def handle_count(self, content: Any) -> None: ...

    found = {d.pointer: d.message for d in AsyncAPIGenerator(Broken, channel_path="/ws/b/").diagnostics if d.code == "example-invalid"}
    assert "it cannot be checked: the payload schema is invalid at" in found["/components/messages/Code/examples/0/payload"]
    assert '/n: "x" is not of type "integer"' in found["/components/messages/Count/examples/0/payload"]


def test_json_schema_mode_override_is_honoured() -> None:
    class Fare(BaseModel):
        model_config = ConfigDict(json_schema_mode_override="validation")
        base: float

        @computed_field  # type: ignore[prop-decorator]
        @property
        def total(self) -> float:
            return self.base * 1.2

    class Plain(BaseModel):
        base: float

        @computed_field  # type: ignore[prop-decorator]
        @property
        def total(self) -> float:
            return self.base * 1.2

    class Fares(AsyncJsonWebsocketConsumer):
        @document_event("fare", payload=Fare)
        async def fare(self, event: Any) -> None: ...

        @document_event("plain", payload=Plain)
        async def plain(self, event: Any) -> None: ...

    messages = AsyncAPIGenerator(Fares, channel_path="/ws/f/").get_spec()["components"]["messages"]
    assert "total" not in messages["Fare"]["payload"]["properties"]  # the override: validation mode
    assert "total" in messages["Plain"]["payload"]["properties"]  # server → client: serialisation


def test_collection_is_paused_while_building_and_restored_after() -> None:
    import threading

    from django_bridge.generation import gc_pause

    seen: list[bool] = []

    class Probe(AsyncJsonWebsocketConsumer):
        @document_action(payload=OfferSerializer)
        async def handle_offer(self, content: Any) -> None: ...

    assert gc.isenabled()
    generator = AsyncAPIGenerator(Probe, channel_path="/ws/probe/")
    with gc_pause.collection_paused():
        seen.append(gc.isenabled())
        with gc_pause.collection_paused():  # nested (get_yaml around get_spec)
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())  # still paused: the outer block has not ended
    assert seen == [False, False, False]
    assert gc.isenabled()
    generator.get_yaml()
    assert gc.isenabled()

    # a pause started while collection was already off leaves it off
    gc.disable()
    try:
        with gc_pause.collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

    # threads overlapping: collection comes back only when the last one ends
    inside = threading.Barrier(3)
    release = threading.Event()
    states: list[bool] = []

    def build() -> None:
        with gc_pause.collection_paused():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    states.append(gc.isenabled())
    release.set()
    for thread in threads:
        thread.join()
    states.append(gc.isenabled())
    assert states == [False, True]


class ChannelInfoSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    members = serializers.ListField(child=serializers.IntegerField(min_value=0))


class BaseFrameSerializer(serializers.Serializer):
    """Shapes found in public Channels projects: a base frame serializer with create/update stubs
    and a ``validate_*`` staticmethod, extended by the frames."""

    type = serializers.CharField(required=True)
    message = serializers.CharField(required=True)

    def create(self, validated_data: Any) -> Any:
        return validated_data

    def update(self, instance: Any, validated_data: Any) -> Any:
        return instance

    @staticmethod
    def validate_type(value: str) -> str:
        return value


class NotificationSerializer(BaseFrameSerializer):
    notification_id = serializers.CharField(required=True)
    kind = serializers.ChoiceField(choices=("text", "image"))
    content = Money()
    sender_channel = ChannelInfoSerializer(read_only=True)
    channels = ChannelInfoSerializer(many=True, required=False)
    sent = serializers.DateTimeField(read_only=True)
    secret = serializers.CharField(write_only=True, allow_null=True, default=None)


def test_declared_fields_document_what_bound_fields_do() -> None:
    """A plain serializer is documented from its declarations (no copy, no binding); one that
    builds its fields (any get_fields override) from ``instance.fields``: both say the same."""

    class BoundNotificationSerializer(NotificationSerializer):
        def get_fields(self) -> Any:
            return super().get_fields()

    declared, declared_warnings = build(consumer_with(NotificationSerializer))
    bound, bound_warnings = build(consumer_with(BoundNotificationSerializer))
    assert "sender_channel" in declared and "secret" in declared and "members" in declared
    assert bound.replace("BoundNotification", "Notification") == declared
    assert [text.replace("BoundNotification", "Notification") for text in bound_warnings] == declared_warnings
