"""A fast writer for plain data that produces exactly the bytes of the round-trip dump.

``emit(data) == dump(from_plain(data))``, byte for byte, over 100× faster on a generated spec:
ruamel's emitter is pure Python and spends its time on events and per-character analysis, while
a spec repeats the same few thousand strings. The layout rules (2-space
mappings, sequences indented 4 with the dash at offset 2, ``{}``/``[]`` for empty collections,
literal blocks for multi-line strings) are written out here; every scalar is either proved to be
written plain or single-quoted by the same tests ruamel applies (its own resolver decides whether
a plain string would read back as a number, boolean, null or date), or ruamel is asked how it
writes that one scalar. Anything this writer does not reproduce with certainty (non-string keys
other than numbers, keys ruamel writes in the ``? key`` form, lines long enough to be folded,
unusual line-break characters in a block) makes it hand the whole document to ruamel instead.
``tests/test_emit.py`` holds it to ruamel's bytes on random data, the corpus and the golden files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

#: ruamel folds plain and quoted scalars past column 4096 (the configured width); a document with
#: a line this long is left to ruamel rather than second-guessing where it breaks.
_LONGEST_LINE = 4000

#: ruamel writes a key longer than this (128, its simple-key limit, with room to spare) as
#: ``? key``; such documents go to ruamel.
_LONGEST_KEY = 120

#: Printable ASCII: ruamel's analysis finds no special characters or line breaks in it (where
#: ``:``, ``#`` and the indicators make a plain scalar impossible is checked apart).
_PLAIN_BODY = re.compile(r"[\x20-\x7e]*\Z")

#: First characters that make ruamel quote a scalar (YAML indicators), besides the ones that
#: only matter when followed by a space (``-``, ``?``, ``:``).
_INDICATOR_START = frozenset("#,[]{}&*!|>'\"%@`")

#: Line breaks ruamel recognises inside block scalars besides ``\n``.
_OTHER_BREAKS = frozenset("\x85\u2028\u2029\r")


class _Unsupported(Exception):
    """The document needs something only ruamel writes faithfully: dump it with ruamel."""


def emit(data: Any) -> str:
    """The canonical YAML text of plain data (dicts, lists, str, int, float, bool, None).

    Byte-identical to ``dump(from_plain(data))``; falls back to exactly that for documents it
    cannot vouch for, so the result never depends on which writer ran.
    """
    from . import _round_trip_dump, from_plain

    try:
        return _Emitter().document(data)
    except (_Unsupported, RecursionError):
        return _round_trip_dump(from_plain(data))


class _Emitter:
    """One document's worth of output and scalar caches (strings repeat a lot in a spec)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.values: dict[str, str] = {}
        self.keys: dict[Any, str] = {}
        self.blocks: dict[tuple[str, int], tuple[str, bool]] = {}
        self.floats: dict[str, str] = {}
        self.kept_last = False  # the last scalar written was a `|+` block (ruamel then ends with ...)

    def document(self, data: Any) -> str:
        if isinstance(data, Mapping):
            if data:
                self.mapping(data, "", 0)
            else:
                self.out.append("{}\n")
        elif isinstance(data, list | tuple):
            if data:
                self.sequence(data, "  ", 2)
            else:
                self.out.append("[]\n")
        else:
            raise _Unsupported("a scalar document")
        if self.kept_last:
            self.out.append("...\n")
        text = "".join(self.out)
        if max(map(len, text.split("\n"))) > _LONGEST_LINE:
            raise _Unsupported("a line ruamel may fold")
        return text

    # -- collections ------------------------------------------------------------------------

    def mapping(self, data: Mapping[Any, Any], first: str, column: int) -> None:
        """A non-empty block mapping whose keys start at ``column``; ``first`` leads line one."""
        out = self.out
        keys = self.keys
        pad = " " * column
        prefix = first
        for key, value in data.items():
            key_text = keys.get(key) if type(key) is str else None
            if key_text is None:
                key_text = self.key(key)
            kind = type(value)
            if kind is str:
                if "\n" in value:
                    self.block_or_scalar(f"{prefix}{key_text}:", value, column + 2)
                else:
                    text = self.values.get(value)
                    out.append(f"{prefix}{key_text}: {text if text is not None else self.string(value)}\n")
                    self.kept_last = False
            elif kind is dict or (kind is not list and isinstance(value, Mapping)):
                if value:
                    out.append(f"{prefix}{key_text}:\n")
                    self.mapping(value, " " * (column + 2), column + 2)
                else:
                    out.append(f"{prefix}{key_text}: {{}}\n")
                    self.kept_last = False
            elif kind is list or kind is tuple:
                if value:
                    out.append(f"{prefix}{key_text}:\n")
                    self.sequence(value, " " * (column + 2), column + 2)
                else:
                    out.append(f"{prefix}{key_text}: []\n")
                    self.kept_last = False
            elif value is None:
                out.append(f"{prefix}{key_text}:\n")
                self.kept_last = False
            else:
                out.append(f"{prefix}{key_text}: {self.other(value)}\n")
                self.kept_last = False
            prefix = pad

    def sequence(self, data: Any, first: str, dash: int) -> None:
        """A non-empty block sequence with its dashes at column ``dash``."""
        out = self.out
        pad = " " * dash
        prefix = first
        for item in data:
            kind = type(item)
            head = f"{prefix}- "
            if kind is str:
                if "\n" in item:
                    self.block_or_scalar(f"{prefix}-", item, dash + 2)
                else:
                    text = self.values.get(item)
                    out.append(f"{head}{text if text is not None else self.string(item)}\n")
                    self.kept_last = False
            elif kind is dict or (kind is not list and isinstance(item, Mapping)):
                if item:
                    self.mapping(item, head, dash + 2)
                else:
                    out.append(f"{head}{{}}\n")
                    self.kept_last = False
            elif kind is list or kind is tuple:
                if item:
                    self.sequence(item, head + "  ", dash + 4)
                else:
                    out.append(f"{head}[]\n")
                    self.kept_last = False
            elif item is None:
                out.append(f"{head}\n")  # ruamel writes "- " with its space
                self.kept_last = False
            else:
                out.append(f"{head}{self.other(item)}\n")
                self.kept_last = False
            prefix = pad

    # -- scalars ----------------------------------------------------------------------------

    def block_or_scalar(self, lead: str, text: str, indent: int) -> None:
        """A string with a line break: a literal block where ``from_plain`` makes one."""
        written = self.blocks.get((text, indent))
        if written is None:
            written = self.blocks[(text, indent)] = self.block(text, indent)
        self.out.append(f"{lead} {written[0]}")
        self.kept_last = written[1]

    def block(self, text: str, indent: int) -> tuple[str, bool]:
        """What follows ``key:`` or ``-`` for a string with a line break (ending with a newline),
        and whether it is a ``|+`` block (after which ruamel ends the document with ``...``)."""
        from . import _literal_safe

        if "\n" not in text.rstrip("\n") or not _literal_safe(text):
            return f"{self.string(text)}\n", False
        if _OTHER_BREAKS.intersection(text):
            raise _Unsupported("a block with line breaks other than \\n")
        hints = "2" if text[0] in " \n" else ""
        if not text.endswith("\n"):
            hints += "-"
        elif len(text) == 1 or text[-2] == "\n":
            hints += "+"
        pad = " " * indent
        lines = text.split("\n")
        body = "".join(f"{pad}{line}\n" if line else "\n" for line in lines[:-1])
        if lines[-1]:
            body += f"{pad}{lines[-1]}\n"
        return f"|{hints}\n{body}", hints.endswith("+")

    def string(self, text: str) -> str:
        """How ruamel writes ``text`` as a value (not a key), cached per document."""
        written = _plain_or_single(text)
        if written is None:
            written = _ask_ruamel_value(text)
        self.values[text] = written
        return written

    def key(self, key: Any) -> str:
        kind = type(key)
        if kind is str:
            if len(key) > _LONGEST_KEY or "\n" in key or _OTHER_BREAKS.intersection(key):
                raise _Unsupported("a key ruamel writes as `? key`")
            written = _plain_or_single(key) if key else None
            if written is None:
                written = _ask_ruamel_key(key)
        elif kind is bool or kind is int or kind is float:
            written = self.other(key)
        else:
            raise _Unsupported(f"a {kind.__name__} key")
        self.keys[key] = written
        return written

    def other(self, value: Any) -> str:
        """Scalars other than strings: booleans and ints as Python spells them, floats by ruamel."""
        kind = type(value)
        if kind is bool:
            return "true" if value else "false"
        if kind is int:
            return str(value)
        if kind is float:
            spelled = repr(value)  # the key: 0.0 == -0.0, but ruamel writes them apart
            written = self.floats.get(spelled)
            if written is None:
                written = self.floats[spelled] = _ask_ruamel_value(value)
            return written
        raise _Unsupported(f"a {kind.__name__} value")


def _plain_or_single(text: str) -> str | None:
    """``text`` plain or single-quoted when that provably is ruamel's choice, else None.

    Mirrors ``Emitter.analyze_scalar`` and ``choose_scalar_style`` for printable ASCII without
    leading or trailing spaces; anything else (unicode, quotes needing doubling, escapes) is
    decided by ruamel itself.
    """
    if not text or text[0] == " " or text[-1] == " ":
        return None
    if _PLAIN_BODY.match(text) is None:
        return None
    if _plain_allowed(text) and _reads_back_as_string(text):
        return text
    if "'" not in text:
        # ruamel double-quotes a string holding "'"; printable ASCII needs no escapes otherwise
        return f"'{text}'"
    return None


def _plain_allowed(text: str) -> bool:
    """ruamel's ``allow_block_plain`` for printable ASCII without leading/trailing spaces."""
    first = text[0]
    if first in _INDICATOR_START or text.startswith(("---", "...")):
        return False
    followed_by_space = len(text) == 1 or text[1] == " "
    if first in "?:-" and followed_by_space:
        return False
    # inside a block scalar, only ": " (or a final ":") and " #" are indicators; ",[]{}" would
    # matter in flow context only, which this writer never uses
    return not (": " in text or text.endswith(":") or " #" in text)


def _reads_back_as_string(text: str) -> bool:
    """True when ruamel's YAML 1.2 resolver reads plain ``text`` as a string (not 1, true, ~).

    The same lookup as ``VersionedResolver.resolve`` (patterns by first character, from ruamel's
    own table), without its per-call version negotiation.
    """
    table, string_tag = _implicit_resolvers()
    for tag, pattern in [*table.get(text[0], ()), *table.get(None, ())]:
        if pattern.match(text):
            return bool(tag == string_tag)
    return True


#: ruamel's implicit resolvers for YAML 1.2 (``VersionedResolver``, ruamel.yaml 0.18-0.19): the
#: tag suffix, the first characters each pattern is tried for (in ruamel's order), whether it is
#: a verbose pattern, and the pattern. A copy, so that writing a spec does not import ruamel
#: (its import was a sixth of a cold ``get_yaml()``); ``tests/test_emit.py`` holds it equal to
#: the installed ruamel's own table.
_RESOLVERS_1_2: tuple[tuple[str, tuple[str, ...], bool, str], ...] = (
    ('bool', ('t', 'T', 'f', 'F'), True, '^(?:true|True|TRUE|false|False|FALSE)$'),
    ('float', ('-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.'), True, '^(?:\n         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?\n        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)\n        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?\n        |[-+]?\\.(?:inf|Inf|INF)\n        |\\.(?:nan|NaN|NAN))$'),
    ('int', ('-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), True, '^(?:[-+]?0b[0-1_]+\n        |[-+]?0o?[0-7_]+\n        |[-+]?[0-9_]+\n        |[-+]?0x[0-9a-fA-F_]+)$'),
    ('timestamp', ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), True, '^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\n        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?\n        (?:[Tt]|[ \\t]+)[0-9][0-9]?\n        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?\n        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$'),
    ('merge', ('<',), False, '^(?:<<)$'),
    ('null', ('~', 'n', 'N', ''), True, '^(?: ~\n        |null|Null|NULL\n        | )$'),
    ('value', ('=',), False, '^(?:=)$'),
    ('yaml', ('!', '&', '*'), False, '^(?:!|&|\\*)$'),
)
_TAG_PREFIX = "tag:yaml.org,2002:"


@functools.lru_cache(maxsize=1)
def _implicit_resolvers() -> tuple[dict[Any, list[tuple[Any, Any]]], Any]:
    """ruamel's implicit resolvers for the round-trip dumper's default (YAML 1.2), and the str tag."""
    table: dict[Any, list[tuple[Any, Any]]] = {}
    for tag, firsts, verbose, pattern in _RESOLVERS_1_2:
        compiled = re.compile(pattern, re.VERBOSE if verbose else 0)
        for first in firsts:
            table.setdefault(first, []).append((_TAG_PREFIX + tag, compiled))
    return table, _TAG_PREFIX + "str"


def _ask_ruamel_value(value: Any) -> str:
    """ruamel's own spelling of one scalar value, cut out of a one-entry document."""
    from . import _round_trip_dump, from_plain

    text = _round_trip_dump(from_plain({"k": value}))
    if not text.startswith("k: ") or text.count("\n") != 1 or _OTHER_BREAKS.intersection(text):
        raise _Unsupported("a scalar ruamel writes over several lines")
    return text[3:-1]


def _ask_ruamel_key(key: str) -> str:
    """ruamel's own spelling of one mapping key."""
    from . import _round_trip_dump, from_plain

    text = _round_trip_dump(from_plain({key: None}))
    if text.startswith("?") or not text.endswith(":\n") or text.count("\n") != 1 or _OTHER_BREAKS.intersection(text):
        raise _Unsupported("a key ruamel writes in the `? key` form")
    return text[:-2]
