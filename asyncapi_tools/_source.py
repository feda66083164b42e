"""Reading input files as text: the checks every face needs before any YAML is parsed.

UTF-8 only (a BOM is tolerated and dropped); anything else is an error that names the byte's line
and column. Missing files, directories and empty files are errors with a hint, never tracebacks.
"""

from __future__ import annotations

import os
from pathlib import Path

from ._errors import InputError


def display_name(path: str | os.PathLike[str]) -> str:
    """How a path appears in messages: as the user gave it."""
    return os.fspath(path)


def read_text(path: str | os.PathLike[str], *, what: str = "file", allow_empty: bool = False) -> str:
    """Read a UTF-8 text file for the pipeline, refusing anything that is not one."""
    name = display_name(path)
    file_path = Path(path)
    if file_path.is_dir():
        raise InputError(f"{what} is a directory, not a file", file=name, hint="pass the path of a YAML file")
    try:
        raw = file_path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} not found", file=name, hint="check the path (it is relative to the current directory)") from None
    except PermissionError:
        raise InputError(f"{what} is not readable (permission denied)", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", file=name) from None
    return decode(raw, name=name, what=what, allow_empty=allow_empty)


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
    if not allow_empty and not text.strip():
        raise InputError(f"{what} is empty", file=name, hint="an AsyncAPI document needs at least `asyncapi:` and `info:`")
    return text
