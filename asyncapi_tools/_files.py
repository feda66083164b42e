"""Output files on disk: which file a path names, and replacing it atomically and cleanly.

What a user can rely on:

- ``-``, ``/dev/stdout`` and ``/dev/stderr`` are streams: the text is written to them, nothing on
  disk is replaced. Every other path must name a regular file (or nothing yet): a directory, a
  device (``/dev/null``), a FIFO or a socket is refused before anything is written.
- A symbolic link is written through, as editors do: its target gets the new content and the link
  stays a link. ``./sub/../out.yaml`` names ``out.yaml`` and creates no ``sub/``.
- A replacement is one ``rename`` of a temporary file written beside the target, so readers see
  the old file or the new one, never half of one; on any failure the old file is byte-identical.
- A new file gets the permissions the umask allows (``0644`` under the usual ``022``); an existing
  file keeps its mode (and, where we may, its owner).
- A temporary file is removed when the write fails or the process is stopped by SIGINT, SIGTERM
  or SIGHUP. SIGKILL cannot be caught: temporary files carry the host and process id that made
  them, and the next write of the same output removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import socket
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from ._errors import InputError

#: Output names that mean stdout or stderr of this process rather than a file to replace.
STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
STDERR_NAMES = ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2")

#: Marks our temporary files (``.asyncapi.yaml.asyncapi-tools-<host>-<pid>-<random>.tmp``).
TEMP_TAG = "asyncapi-tools"

#: The signals that remove a pending temporary file before the process stops.
CLEANUP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def output_stream(name: str) -> TextIO | None:
    """The stream an output name stands for (``-`` and ``/dev/stdout``: stdout), else None."""
    if name in STDOUT_NAMES:
        return sys.stdout
    if name in STDERR_NAMES:
        return sys.stderr
    return None


def write_stream(stream: TextIO, text: str) -> None:
    """Write a document to stdout or stderr as UTF-8, as a file would hold it, whatever the
    locale's encoding (``PYTHONIOENCODING=ascii`` must not turn ``é`` into a crash)."""
    stream.flush()
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text-only stream (some test harnesses): it takes str
        stream.write(text)
    else:
        binary.write(text.encode("utf-8"))
        binary.flush()
    stream.flush()


def resolve_output(path: str | os.PathLike[str], *, protect: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """The regular file that writing to ``path`` replaces: symbolic links followed, ``..`` folded.

    Raises :class:`InputError` when ``path`` names a directory or a special file, sits in a
    symlink loop, or is the same file as one of ``protect`` (the command's inputs).
    """
    name = os.fspath(path)
    if not name:
        raise InputError("the output path is empty", hint="pass a file path, e.g. -o docs/asyncapi.yaml")
    target = Path(os.path.realpath(name))
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                "the output path is a loop of symbolic links", file=name, hint="point the link at a file"
            ) from None
        if exc.errno == errno.ENOTDIR:
            raise InputError(
                "a folder in the output path is a file", file=name, hint="check the path: a file cannot hold files"
            ) from None
        raise InputError(f"cannot use the output path: {exc.strerror or exc}", file=name) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = next((label for test, label in _KINDS if test(info.st_mode)), "not a regular file")
        if stat.S_ISDIR(info.st_mode):
            raise InputError(
                "the output path is a directory", file=name, hint="pass a file path, e.g. -o docs/asyncapi.yaml"
            )
        raise InputError(
            f"the output path is {kind}, not a regular file",
            file=name,
            hint="write to a file, or use `-o -` (or /dev/stdout) and redirect the output",
        )
    for source in protect:
        if _same_file(target, info, source):
            raise InputError(
                f"the output is the input file {os.fspath(source)}: writing it would replace the input",
                file=name,
                hint="choose another output path (-o); `inject-titles --in-place` is the one command that rewrites its input",
            )
    return target


def _same_file(target: Path, info: os.stat_result | None, source: str | os.PathLike[str]) -> bool:
    if os.path.realpath(source) == os.fspath(target):
        return True
    if info is None:
        return False
    try:
        other = os.stat(source)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino)


def atomic_write_bytes(target: Path, data: bytes, *, display: str | None = None) -> None:
    """Replace the regular file ``target`` with ``data`` in one rename (``display``: its name in
    messages). On any failure, or SIGINT/SIGTERM/SIGHUP, the old file is untouched and the
    temporary file is gone."""
    name = display or os.fspath(target)
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output's folder {os.fspath(directory)}: {_why(exc)}", file=name
        ) from None
    remove_stale_temp_files(target)
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise InputError(f"cannot write the output file: {_why(exc)}", file=name) from None
    try:
        handle, temp = _create_temp(target, private=existing is not None)
    except OSError as exc:
        raise InputError(
            f"cannot write the output file: cannot create a file in {os.fspath(directory)}: {_why(exc)}",
            file=name,
            hint=_hint(exc),
        ) from None
    with _removed_on_signals(temp):
        try:
            with os.fdopen(handle, "wb") as stream:
                if existing is not None:
                    _copy_ownership(temp, existing)
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise InputError(f"cannot write the output file: {_why(exc)}", file=name, hint=_hint(exc)) from None
            raise


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Remove the temporary files of earlier writes of ``target`` whose process is gone (a
    SIGKILL, a power cut) and return them. Files of live processes and other hosts are kept."""
    pattern = re.compile(
        rf"\.{re.escape(target.name)}\.{TEMP_TAG}-(?P<host>[A-Za-z0-9]*)-(?P<pid>\d+)-[0-9a-f]+\.tmp"
    )
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    host = _host()
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or match.group("host") != host or _alive(int(match.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def temp_name(target: Path) -> str:
    """A fresh temporary-file name beside ``target`` that :func:`remove_stale_temp_files` knows."""
    return f".{target.name}.{TEMP_TAG}-{_host()}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _create_temp(target: Path, *, private: bool) -> tuple[int, Path]:
    # A new file is created 0666 so that the kernel applies the umask, as for any other program's
    # output; one that replaces an existing file starts private and takes the old mode before any
    # byte is written.
    mode = 0o600 if private else 0o666
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = target.parent / temp_name(target)
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:
            continue


def _copy_ownership(temp: Path, existing: os.stat_result) -> None:
    os.chmod(temp, stat.S_IMODE(existing.st_mode))
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        # Only root (or the owner, for the group) may do this; anyone else gets the file as theirs.
        with contextlib.suppress(OSError):
            os.chown(temp, existing.st_uid, existing.st_gid)


@contextlib.contextmanager
def _removed_on_signals(temp: Path) -> Iterator[None]:
    """While the block runs, a stopping signal first removes ``temp``, then does what it would
    have done (Python's KeyboardInterrupt for SIGINT, the default action for SIGTERM)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own handlers stay in charge
        return
    previous: dict[int, Any] = {}

    def restore() -> None:
        for signum, action in previous.items():
            signal.signal(signum, action)

    def on_signal(signum: int, frame: Any) -> None:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        restore()
        action = previous[signum]
        if callable(action):
            handler: Callable[[int, Any], Any] = action
            handler(signum, frame)
        else:
            os.kill(os.getpid(), signum)  # the default action: stop as the signal says

    for signum in CLEANUP_SIGNALS:
        action = signal.getsignal(signum)
        if action in (signal.SIG_IGN, None):
            continue  # ignored signals cannot stop us, so there is nothing to clean up
        previous[signum] = action
        signal.signal(signum, on_signal)
    try:
        yield
    finally:
        restore()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32]


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOENT and exc.filename and os.path.isdir(os.path.dirname(exc.filename)):
        return "the folder does not accept new files"  # e.g. /proc, where even root cannot create
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{exc.strerror or 'permission denied'} (check the permissions, and whether the file or folder is immutable: lsattr)"
    return str(exc.strerror or exc)


def _hint(exc: OSError) -> str | None:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "write somewhere you may write, e.g. -o ./asyncapi.yaml, or fix the permissions"
    if exc.errno == errno.ENOSPC:
        return "free some disk space and run the command again"
    return None
