"""Type names: the one place that turns identifiers into PascalCase names and keeps them unique.

Every name a code generator will see (payload ``title``\\ s, message and schema names from the Django
generator) goes through :func:`pascal_case` and a :class:`NameRegistry`, so that
``request_ride``, ``ride.requested``, ``user-joined`` and ``RideRequest`` are treated alike and two
different things never quietly end up with the same name. Names are built from words here, never
by joining and splitting strings elsewhere.
"""

from __future__ import annotations

import functools
import keyword
import re
import unicodedata
from dataclasses import dataclass


def words(text: str) -> list[str]:
    """The words of an identifier, split at separators and at case and digit boundaries.

    ``"HTTPServer_v2beta"`` gives ``["HTTP", "Server", "v", "2", "beta"]``. Anything that cannot
    appear in an identifier is a separator. Text is NFKC-normalised first (as Python does for
    identifiers), so ``"ﬁle²"`` gives ``["file", "2"]``. A token written wholly in capitals
    (``USER_JOINED``) is read as an ordinary word when the text has separators, so it becomes
    ``User`` rather than an acronym.
    """
    if text.isascii():
        return _ascii_words(text)
    text = unicodedata.normalize("NFKC", text)
    tokens: list[str] = []
    current: list[str] = []
    for char in text:
        if _is_word_char(char):
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    shouting = len(tokens) > 1
    result: list[str] = []
    for token in tokens:
        if shouting and not any(_is_lower(c) for c in token):
            token = token.lower()
        result.extend(_split_token(token))
    return result


#: ASCII word characters (the underscore separates), and the parts :func:`_split_token` cuts an
#: ASCII token into: an acronym before a capitalised word, a word, an acronym, a number.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+")
_ASCII_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _ascii_words(text: str) -> list[str]:
    """:func:`words` for ASCII text, with regular expressions instead of a loop per character
    (names are nearly always ASCII, and the loop was a tenth of a cold spec build). The rules
    are the same; ``tests/test_naming.py`` compares both on random text."""
    tokens = _ASCII_TOKEN.findall(text)
    shouting = len(tokens) > 1
    result: list[str] = []
    for token in tokens:
        if shouting and token == token.upper():  # no lower-case letter: an ordinary word
            token = token.lower()
        result.extend(_ASCII_PART.findall(token))
    return result


@functools.lru_cache(maxsize=8192)  # pure, and called for every name of every generated spec
def pascal_case(text: str) -> str:
    """A PascalCase name that is a valid Python and TypeScript identifier.

    Each word gets a capital first letter and keeps the rest as written, so acronyms survive
    (``HTTPServer`` stays ``HTTPServer``) and applying it twice changes nothing. A name that would
    start with a digit gets the prefix ``N`` (``2fa_code`` -> ``N2FaCode``); ``None``, ``True`` and
    ``False`` get a trailing ``_``. Raises ``ValueError`` when the text has no letters or digits.
    """
    parts = words(text)
    if not parts:
        raise ValueError(f"cannot make a name from {text!r}: it has no letters or digits")
    if text.isascii():  # ASCII words are letters and digits: nothing to normalise or keep
        name = "".join(part[0].upper() + part[1:] for part in parts)
        if name[0].isdigit():
            name = "N" + name
        return name + "_" if keyword.iskeyword(name) else name
    name = "".join(_capitalize(part) for part in parts)
    if not name.isidentifier():
        name = "N" + name
    # Capitals and the prefix can compose with combining marks; normalise like Python's parser.
    name = unicodedata.normalize("NFKC", name)
    if keyword.iskeyword(name):
        name += "_"
    return name


def _is_word_char(char: str) -> bool:
    # Characters allowed after the first one of an identifier, less the underscore (a separator).
    return char != "_" and ("a" + char).isidentifier()


def _is_lower(char: str) -> bool:
    return char.islower()


def _is_upper(char: str) -> bool:
    # Title-case letters (``ǅ``) start a word just like capitals do.
    return char.isupper() or char.istitle()


def _split_token(token: str) -> list[str]:
    """Split one separator-free token at camelCase, ACRONYMWord and letter/digit boundaries."""
    parts: list[str] = []
    start = 0
    for index in range(1, len(token)):
        before, char = token[index - 1], token[index]
        after = token[index + 1] if index + 1 < len(token) else ""
        boundary = (
            (char.isdigit() != before.isdigit())
            or (_is_lower(before) and _is_upper(char))
            or (_is_upper(before) and _is_upper(char) and _is_lower(after))
        )
        if boundary:
            parts.append(token[start:index])
            start = index
    parts.append(token[start:])
    return [part for part in parts if part]


def _capitalize(word: str) -> str:
    first = word[0]
    upper = first.upper()
    # Keep the word's length and identifier-ness: "ß".upper() is "SS", some marks have no capital.
    if len(upper) != 1 or not ("a" + upper).isidentifier():
        upper = first
    return upper + word[1:]


@dataclass(frozen=True)
class Collision:
    """Two different origins asked for the same name; ``second`` got ``assigned`` instead."""

    name: str
    first: str
    second: str
    assigned: str


class NameRegistry:
    """Hands out unique names and remembers who asked, so collisions are reported, not hidden.

    ``register(name, origin)`` returns ``name`` if it is free (or already held by the same origin),
    else records a :class:`Collision` and returns the first free ``Name2``, ``Name3``, ... (``_2``
    after a name that ends in a digit: ``Vector3_2``). Names are compared case-insensitively,
    because generated files such as ``RideRequest.ts`` and ``Riderequest.ts`` clash on macOS and
    Windows file systems. An origin is any string that identifies what is being named (a JSON
    pointer, a dotted Python path); it appears in collision reports.
    """

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}  # casefolded name -> origin
        self._names: dict[str, str] = {}  # casefolded name -> name as given
        self._assigned: dict[tuple[str, str], str] = {}  # (requested casefolded, origin) -> name
        self._collisions: list[Collision] = []
        #: casefolded name -> the number its next variant search starts from. Names are never
        #: released, so every number below it is still taken: N collisions on one name cost N
        #: steps in all, not N squared (factory-made classes often share one name).
        self._next_variant: dict[str, int] = {}

    def register(self, name: str, origin: str) -> str:
        """Claim ``name`` for ``origin``; returns the name to use (possibly disambiguated)."""
        key = name.casefold()
        previous = self._assigned.get((key, origin))
        if previous is not None:
            return previous
        owner = self._owners.get(key)
        if owner is None or owner == origin:
            assigned = name
        else:
            assigned = self._free_variant(name)
            self._collisions.append(Collision(name=name, first=owner, second=origin, assigned=assigned))
        self._claim(assigned, origin)
        self._assigned[(key, origin)] = assigned
        return assigned

    def reserve(self, name: str, origin: str) -> None:
        """Mark ``name`` as taken by something that cannot be renamed (an existing title).

        Later ``register`` calls for it are disambiguated; reserving a name twice is not a
        collision (two hand-written titles that agree are the author's decision).
        """
        key = name.casefold()
        if key not in self._owners:
            self._claim(name, origin)
            self._assigned[(key, origin)] = name

    def owner(self, name: str) -> str | None:
        """The origin holding ``name`` (case-insensitively), or None when it is free."""
        return self._owners.get(name.casefold())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in self._owners

    @property
    def names(self) -> dict[str, str]:
        """Every name handed out or reserved, mapped to its origin (a copy)."""
        return {self._names[key]: origin for key, origin in self._owners.items()}

    @property
    def collisions(self) -> tuple[Collision, ...]:
        """The collisions seen so far, in the order they happened."""
        return tuple(self._collisions)

    def _claim(self, name: str, origin: str) -> None:
        self._owners[name.casefold()] = origin
        self._names[name.casefold()] = name

    def _free_variant(self, name: str) -> str:
        joiner = "_" if name[-1:].isdigit() else ""
        key = name.casefold()
        number = self._next_variant.get(key, 2)
        while f"{name}{joiner}{number}".casefold() in self._owners:
            number += 1
        self._next_variant[key] = number + 1
        return f"{name}{joiner}{number}"
