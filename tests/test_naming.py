"""The naming module: PascalCase type names and a registry that reports collisions."""

from __future__ import annotations

import keyword
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_tools import Collision, NameRegistry, pascal_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("request_ride", "RequestRide"),
        ("ride.requested", "RideRequested"),
        ("RideRequest", "RideRequest"),
        ("rideRequest", "RideRequest"),
        ("user-joined", "UserJoined"),
        ("HTTPServer", "HTTPServer"),
        ("XMLHttpRequest", "XMLHttpRequest"),
        ("USER_JOINED", "UserJoined"),
        ("HTTP", "HTTP"),
        ("ride requested!", "RideRequested"),
        ("handle_request_ride", "HandleRequestRide"),
        ("v2beta", "V2Beta"),
        ("oauth2_token", "Oauth2Token"),
        ("2fa_code", "N2FaCode"),
        ("42", "N42"),
        ("größe-änderung", "GrößeÄnderung"),
        ("日本語_メッセージ", "日本語メッセージ"),
        ("ﬁle²", "File2"),
        ("none", "None_"),
        ("true", "True_"),
        ("#/components/schemas/Ride", "ComponentsSchemasRide"),
    ],
)
def test_pascal_case_examples(text: str, expected: str) -> None:
    assert pascal_case(text) == expected


@pytest.mark.parametrize("text", ["", "---", "  ", "_", "¿?"])
def test_pascal_case_refuses_text_without_letters_or_digits(text: str) -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        pascal_case(text)


def test_words_split_at_case_digit_and_separator_boundaries() -> None:
    # each word gets a capital: HTTP|Server|v|2|beta and ride|requested|now
    assert pascal_case("HTTPServer_v2beta") == "HTTPServerV2Beta"
    assert pascal_case("ride.requested-now") == "RideRequestedNow"


def _has_identifier_characters(text: str) -> bool:
    """Whether ``text`` (NFKC-normalised, as Python reads identifiers) has a character that may
    continue an identifier, the underscore aside: what ``pascal_case`` makes words of."""
    normalised = unicodedata.normalize("NFKC", text)
    return any(char != "_" and ("a" + char).isidentifier() for char in normalised)


@st.composite
def identifiers(draw: st.DrawFn) -> str:
    """Text shaped like the identifiers people write, mixed with arbitrary unicode."""
    word = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lt", "Lo", "Nd", "Mn")), min_size=1, max_size=8)
    separators = st.sampled_from(["_", ".", "-", " ", "/", "", "__"])
    parts = draw(st.lists(st.tuples(word, separators), min_size=1, max_size=5))
    return "".join(w + s for w, s in parts)


names_source = st.one_of(identifiers(), st.text(max_size=30))


@settings(max_examples=300, deadline=None)
@given(names_source)
def test_pascal_case_is_an_idempotent_valid_identifier(text: str) -> None:
    try:
        name = pascal_case(text)
    except ValueError:
        assert not _has_identifier_characters(text)
        return
    assert _has_identifier_characters(text)
    assert name.isidentifier()
    assert not keyword.iskeyword(name)
    assert "_" not in name.rstrip("_")
    assert pascal_case(name) == name


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefXYZ019", min_size=1, max_size=6), min_size=1, max_size=4))
def test_separators_do_not_matter(parts: list[str]) -> None:
    """``a_b``, ``a.b``, ``a-b`` and ``a b`` name the same type."""
    spellings = {pascal_case(sep.join(parts)) for sep in ("_", ".", "-", " ")}
    assert len(spellings) == 1


def test_registry_returns_free_names_unchanged() -> None:
    registry = NameRegistry()
    assert registry.register("RideRequest", "#/a") == "RideRequest"
    assert registry.register("RideCompleted", "#/b") == "RideCompleted"
    assert registry.collisions == ()
    assert registry.names == {"RideRequest": "#/a", "RideCompleted": "#/b"}


def test_registry_same_origin_gets_the_same_name_again() -> None:
    registry = NameRegistry()
    assert registry.register("Ride", "#/a") == "Ride"
    registry.register("Ride", "#/b")
    assert registry.register("Ride", "#/a") == "Ride"
    assert registry.register("Ride", "#/b") == "Ride2"
    assert len(registry.collisions) == 1


def test_registry_disambiguates_and_records_both_origins() -> None:
    registry = NameRegistry()
    registry.register("Ride", "#/channels/a/messages/ride/payload")
    second = registry.register("Ride", "#/channels/b/messages/ride/payload")
    third = registry.register("ride", "#/channels/c/messages/ride/payload")
    assert (second, third) == ("Ride2", "ride3")
    assert registry.collisions[0] == Collision(
        name="Ride",
        first="#/channels/a/messages/ride/payload",
        second="#/channels/b/messages/ride/payload",
        assigned="Ride2",
    )
    assert registry.owner("RIDE2") == "#/channels/b/messages/ride/payload"


def test_registry_skips_names_already_taken_by_disambiguation() -> None:
    registry = NameRegistry()
    registry.register("Ride2", "#/x")
    registry.register("Ride", "#/a")
    assert registry.register("Ride", "#/b") == "Ride3"


def test_registry_uses_an_underscore_after_a_trailing_digit() -> None:
    registry = NameRegistry()
    registry.register("Vector3", "#/a")
    assert registry.register("Vector3", "#/b") == "Vector3_2"


def test_reserved_names_are_never_handed_out_and_reserving_twice_is_no_collision() -> None:
    registry = NameRegistry()
    registry.reserve("Ride", "#/components/schemas/Ride")
    registry.reserve("Ride", "#/components/schemas/Other")
    assert registry.collisions == ()
    assert registry.register("Ride", "#/payload") == "Ride2"
    assert registry.collisions[0].first == "#/components/schemas/Ride"
    assert "ride" in registry


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ride", "ride", "Ride2", "Ping", "Vector3"]), st.integers(0, 5)), max_size=20))
def test_registry_never_hands_one_name_to_two_origins(requests: list[tuple[str, int]]) -> None:
    registry = NameRegistry()
    given_out: dict[str, str] = {}
    for name, origin_number in requests:
        origin = f"#/o{origin_number}"
        assigned = registry.register(name, origin)
        assert given_out.setdefault(assigned.casefold(), origin) == origin
        assert registry.register(name, origin) == assigned
    renamed = {c.second for c in registry.collisions}
    assert all(c.first != c.second and c.assigned != c.name for c in registry.collisions)
    assert renamed <= {f"#/o{n}" for _, n in requests}


def _fullwidth(text: str) -> str:
    """The same text in Unicode's fullwidth forms, which NFKC maps back to ASCII."""
    return "".join("\u3000" if char == " " else chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("aAbBzZyY09_-. $/:HTTPServerv2NoneTrueif"), max_size=24))
def test_ascii_names_split_as_their_fullwidth_forms(text: str) -> None:
    # ASCII text takes a fast path; its fullwidth twin takes the general one (NFKC first)
    assert _name_or_refusal(text) == _name_or_refusal(_fullwidth(text))


def _name_or_refusal(text: str) -> str | None:
    """``pascal_case(text)``, or None where it refuses the text (no letters or digits)."""
    try:
        return pascal_case(text)
    except ValueError:
        return None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ABCdEF", "ABCdEF"),  # AB|Cd|EF: a capital before a lower-case letter starts a word
        ("HTTPServer_v2beta", "HTTPServerV2Beta"),  # HTTP|Server|v|2|beta
        ("USER_JOINED", "UserJoined"),  # user|joined: shouting with separators is ordinary words
        ("aB2c", "AB2C"),  # a|B|2|c
    ],
)
def test_ascii_words_at_case_and_digit_boundaries(text: str, expected: str) -> None:
    assert pascal_case(text) == expected
    assert pascal_case(_fullwidth(text)) == expected


def test_many_collisions_on_one_name_take_the_next_free_numbers() -> None:
    registry = NameRegistry()
    registry.reserve("Payload5", "/hand-written")
    registry.register("payload2", "#/other")  # taken case-insensitively
    given = [registry.register("Payload", f"#/{index}") for index in range(400)]
    assert given[:5] == ["Payload", "Payload3", "Payload4", "Payload6", "Payload7"]
    assert given[-1] == "Payload402"
    assert len({name.casefold() for name in given}) == 400
    assert registry.register("Payload", "#/new") == "Payload403"
    assert registry.register("PAYLOAD", "#/shouted") == "PAYLOAD404"
