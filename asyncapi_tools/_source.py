"""Reading input files as text: the checks every face needs before any YAML is parsed.

UTF-8 only (a BOM is tolerated and dropped); anything else is an error that names the byte's line
and column, and so is a character YAML forbids (NUL and the other control characters). Missing
files, directories, empty files and files over :data:`MAX_INPUT_BYTES` are errors with a hint,
never tracebacks, and never a hang: reading ``/dev/zero`` stops at the limit.
"""

from __future__ import annotations

import os
import re
import unicodedata

from ._errors import InputError

#: The largest file read as a document, template, vars file or ``$ref`` target (64 MiB). A
#: round-trip parse runs at about 0.2 MB/s, so a real document is far below it; the limit stops
#: a mistaken path (``/dev/zero``, a log file) from filling the memory. Pass ``max_bytes=`` to
#: :func:`read_text` for another bound.
MAX_INPUT_BYTES = 64 * 1024 * 1024

# What YAML 1.2 forbids anywhere in a stream (its c-printable set, inverted): ruamel refuses these
# too, but without a position, so we find them first and name the line and column.
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def display_name(path: str | os.PathLike[str]) -> str:
    """How a path appears in messages: as the user gave it."""
    return os.fspath(path)


def display_path(path: str | os.PathLike[str]) -> str:
    """How a path the tool found itself (a ``$ref`` target, a consumer's module) appears in
    messages: relative to the working directory when it lies below it (shorter, clickable in a
    terminal), else as given."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def read_text(
    path: str | os.PathLike[str],
    *,
    what: str = "file",
    allow_empty: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
) -> str:
    """Read a UTF-8 text file for the pipeline, refusing anything that is not one."""
    name = display_name(path)
    try:
        with open(path, "rb") as stream:
            raw = stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError(f"{what} is a directory, not a file", file=name, hint="pass the path of a YAML file") from None
    except FileNotFoundError:
        raise InputError(f"{what} not found", file=name, hint="check the path (it is relative to the current directory)") from None
    except PermissionError:
        raise InputError(f"{what} is not readable (permission denied)", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", file=name) from None
    except ValueError:  # open() refuses a NUL in the path (a `$ref: "a\0b"` can carry one)
        raise InputError(f"cannot read {what}: the path contains a NUL character", file=name.replace("\0", "\\0")) from None
    if len(raw) > max_bytes:
        raise InputError(
            f"{what} is larger than {_size(max_bytes)}: refusing to read it",
            file=name,
            hint="check the path; a document this large is not an AsyncAPI document",
        )
    return decode(raw, name=name, what=what, allow_empty=allow_empty)


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"


def check_characters(text: str, *, name: str, what: str = "file", hint: str | None = None) -> None:
    """Refuse a character YAML forbids (NUL, the C0/C1 controls but tab and newlines), by line
    and column."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    char = found.group()
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    label = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "control character")
    raise InputError(
        f"{what} contains U+{ord(char):04X} ({label}), which YAML does not allow",
        file=name,
        line=line,
        column=column,
        hint=hint
        or 'remove it; to put such a character in a string, write it as an escape in double quotes (e.g. "\\x07")',
    )


_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def decode(raw: bytes, *, name: str, what: str = "file", allow_empty: bool = False) -> str:
    """Decode UTF-8 (BOM tolerated) with an error that points at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{what} is UTF-16, not UTF-8",
            file=name,
            line=1,
            column=1,
            hint="re-save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{what} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            file=name,
            line=line,
            column=column,
            hint="re-save it as UTF-8 (for example: iconv -f LATIN1 -t UTF-8)",
        ) from None
    check_characters(text, name=name, what=what)
    if not allow_empty and not text.strip():
        raise InputError(f"{what} is empty", file=name, hint="an AsyncAPI document needs at least `asyncapi:` and `info:`")
    return text
