"""Where ``-o`` writes, as real subprocesses: streams, special files, links, inputs, signals,
permissions and unwritable places. No test here writes to the machine's own /dev entries."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from asyncapi_tools._files import TEMP_TAG, remove_stale_temp_files, temp_name

TEMPLATE = "asyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '{{ VERSION }}'\nchannels: {}\n"
OLD = b"# committed\nasyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '0.9.0'\nchannels: {}\n"
DEVICES = ("/dev/null", "/dev/stdout", "/dev/stderr")


def cli(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,  # type: ignore[arg-type]
    )


def temp_files(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".tmp"))


@pytest.fixture(autouse=True)
def machine_devices_survive() -> Iterator[None]:
    """Every test here must leave /dev/null a character device and /dev/stdout, /dev/stderr links."""
    before = {name: os.lstat(name).st_mode for name in DEVICES if os.path.lexists(name)}
    yield
    after = {name: os.lstat(name).st_mode for name in before}
    assert stat.S_ISCHR(after.get("/dev/null", stat.S_IFCHR))
    assert after == before, "a test replaced a /dev entry"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    return tmp_path


def render(project: Path, output: str, *extra: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return cli("render", "t.yaml", "--var", "VERSION=1.0.0", "-o", output, *extra, cwd=project, **kwargs)


# -- streams and special files ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["-", "/dev/stdout", "/dev/fd/1"])
def test_dash_and_dev_stdout_stream_the_document(project: Path, name: str) -> None:
    result = render(project, name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("asyncapi: 3.0.0\n")
    assert "version: '1.0.0'" in result.stdout
    assert result.stderr == ""
    assert sorted(p.name for p in project.iterdir()) == ["t.yaml"]


def test_dev_stderr_streams_to_stderr(project: Path) -> None:
    result = render(project, "/dev/stderr")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.startswith("asyncapi: 3.0.0\n")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _null_device(path: Path) -> None:
    # The same device as /dev/null (1, 3), made in tmp so the real one is never at stake.
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating device nodes needs CAP_MKNOD")


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(os.fspath(path))
    server.close()


@pytest.mark.parametrize(
    ("make", "kind"),
    [(_fifo, "named pipe"), (_null_device, "character device"), (_socket, "socket")],
)
def test_special_files_are_refused_and_kept(project: Path, make: Callable[[Path], None], kind: str) -> None:
    special = project / "special"
    make(special)
    mode = special.lstat().st_mode
    result = render(project, "special")
    assert result.returncode == 1
    assert f"special: error: the output path is a {kind}" in result.stderr
    assert "internal error" not in result.stderr
    assert special.lstat().st_mode == mode
    assert temp_files(project) == []


def test_a_link_to_a_device_is_refused(project: Path) -> None:
    _null_device(project / "null")
    (project / "out.yaml").symlink_to("null")
    result = render(project, "out.yaml")
    assert result.returncode == 1
    assert "character device" in result.stderr
    assert (project / "out.yaml").is_symlink()
    assert stat.S_ISCHR((project / "null").stat().st_mode)


# -- links ----------------------------------------------------------------------------------------


def test_a_symlinked_output_is_written_through(project: Path) -> None:
    (project / "docs").mkdir()
    real = project / "docs" / "asyncapi.yaml"
    real.write_bytes(OLD)
    link = project / "asyncapi.yaml"
    link.symlink_to("docs/asyncapi.yaml")
    result = render(project, "asyncapi.yaml")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "docs/asyncapi.yaml"
    text = real.read_text(encoding="utf-8")
    assert "version: '1.0.0'" in text and text.startswith("# committed\n")
    assert temp_files(project) == temp_files(project / "docs") == []


def test_a_dangling_link_creates_its_target(project: Path) -> None:
    (project / "asyncapi.yaml").symlink_to("generated/asyncapi.yaml")
    assert render(project, "asyncapi.yaml").returncode == 0
    assert (project / "asyncapi.yaml").is_symlink()
    assert "version: '1.0.0'" in (project / "generated" / "asyncapi.yaml").read_text(encoding="utf-8")


def test_a_symlink_loop_is_refused(project: Path) -> None:
    (project / "a.yaml").symlink_to("b.yaml")
    (project / "b.yaml").symlink_to("a.yaml")
    result = render(project, "a.yaml")
    assert result.returncode == 1
    assert "loop of symbolic links" in result.stderr


# -- the output must not be an input --------------------------------------------------------------


@pytest.mark.parametrize("output", ["t.yaml", "./t.yaml", "./sub/../t.yaml", "link.yaml", "hard.yaml"])
def test_render_refuses_to_overwrite_its_template(project: Path, output: str) -> None:
    (project / "link.yaml").symlink_to("t.yaml")
    os.link(project / "t.yaml", project / "hard.yaml")
    result = render(project, output)
    assert result.returncode == 1
    assert "the output is the input file t.yaml" in result.stderr
    assert (project / "t.yaml").read_text(encoding="utf-8") == TEMPLATE
    assert not (project / "sub").exists(), "no stray folder"


def test_a_path_through_a_missing_folder_creates_no_folder(project: Path) -> None:
    assert render(project, "./sub/../out.yaml").returncode == 0
    assert (project / "out.yaml").is_file()
    assert not (project / "sub").exists()


def test_render_refuses_to_overwrite_its_vars_file(project: Path) -> None:
    (project / "vars.yaml").write_text("VERSION: 2.0.0\n", encoding="utf-8")
    result = cli("render", "t.yaml", "--vars-file", "vars.yaml", "-o", "vars.yaml", cwd=project)
    assert result.returncode == 1
    assert "the output is the input file vars.yaml" in result.stderr
    assert (project / "vars.yaml").read_text(encoding="utf-8") == "VERSION: 2.0.0\n"


@pytest.mark.parametrize("output", ["base.yaml", "overlay.yaml"])
def test_merge_refuses_to_overwrite_an_input(project: Path, output: str) -> None:
    base = b"asyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '1.0.0'\nchannels: {}\n"
    (project / "base.yaml").write_bytes(base)
    (project / "overlay.yaml").write_bytes(b"info:\n  version: '2.0.0'\n")
    result = cli("merge", "base.yaml", "overlay.yaml", "-o", output, cwd=project)
    assert result.returncode == 1
    assert f"the output is the input file {output}" in result.stderr
    assert (project / "base.yaml").read_bytes() == base
    assert (project / "overlay.yaml").read_bytes() == b"info:\n  version: '2.0.0'\n"


def test_inject_titles_rewrites_its_input_only_in_place(project: Path) -> None:
    spec = project / "spec.yaml"
    spec.write_text(
        "asyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '1.0.0'\nchannels:\n  chat:\n    messages:\n"
        "      hello:\n        payload:\n          type: object\n",
        encoding="utf-8",
    )
    before = spec.read_bytes()
    refused = cli("inject-titles", "spec.yaml", "-o", "./spec.yaml", cwd=project)
    assert refused.returncode == 1 and "--in-place" in refused.stderr
    assert spec.read_bytes() == before
    in_place = cli("inject-titles", "spec.yaml", "--in-place", cwd=project)
    assert in_place.returncode == 0, in_place.stderr
    assert "title: Hello" in spec.read_text(encoding="utf-8")


# -- signals and stale temporary files ------------------------------------------------------------

# A real CLI run on a slow disk: fsync writes a marker and then takes a minute, so the test can
# stop the process while the temporary file exists (fault injection; everything else is real).
SLOW_DISK = """
import os, signal, sys, time
# As an interactive shell starts it, even when pytest itself runs in the background (where SIGINT
# would be inherited as ignored) or under nohup.
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
signal.signal(signal.SIGHUP, signal.SIG_DFL)
marker = sys.argv.pop(1)
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    open(marker, "w").close()
    time.sleep(60)
os.fsync = slow_fsync
sys.argv[0] = "asyncapi-tools"
from asyncapi_tools.cli import main
main()
"""


def start_slow_render(project: Path) -> subprocess.Popen[str]:
    marker = project.parent / f"{project.name}.fsync"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_DISK, os.fspath(marker), "render", "t.yaml", "--var", "VERSION=1.0.0", "-o", "out.yaml"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the render never reached fsync"
        time.sleep(0.02)
    assert len(temp_files(project)) == 1, "the temporary file exists while we stop the process"
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stopping_signal_removes_the_temporary_file(project: Path, signum: int) -> None:
    (project / "out.yaml").write_bytes(OLD)
    process = start_slow_render(project)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    if signum == signal.SIGINT:
        assert process.returncode == 130 and "interrupted" in stderr
    else:
        assert process.returncode == -signum, "it still stops as the signal says"
    assert temp_files(project) == []
    assert (project / "out.yaml").read_bytes() == OLD


def test_the_next_run_removes_what_sigkill_left(project: Path) -> None:
    (project / "out.yaml").write_bytes(OLD)
    process = start_slow_render(project)
    [left] = temp_files(project)
    assert f".out.yaml.{TEMP_TAG}-" in left and f"-{process.pid}-" in left
    process.kill()
    process.communicate(timeout=30)
    assert temp_files(project) == [left], "nothing can run on SIGKILL"
    assert (project / "out.yaml").read_bytes() == OLD
    result = render(project, "out.yaml")
    assert result.returncode == 0, result.stderr
    assert temp_files(project) == []
    assert "version: '1.0.0'" in (project / "out.yaml").read_text(encoding="utf-8")


def test_temporary_files_of_live_processes_and_other_outputs_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"

    def gone(name: str) -> str:  # the same name, made by a process that no longer exists
        return name.replace(f"-{os.getpid()}-", "-999999999-")

    alive = tmp_path / temp_name(target)
    dead = tmp_path / gone(temp_name(target))
    other_output = tmp_path / gone(temp_name(tmp_path / "other.yaml"))
    other_host = tmp_path / f".out.yaml.{TEMP_TAG}-elsewhere-999999999-00aa.tmp"
    for path in (alive, dead, other_output, other_host):
        path.write_bytes(b"partial")
    assert remove_stale_temp_files(target) == [dead]
    assert temp_files(tmp_path) == sorted(p.name for p in (alive, other_output, other_host))


# -- permissions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(project: Path, umask: int, mode: int) -> None:
    result = render(project, "out.yaml", preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((project / "out.yaml").stat().st_mode) == mode


def test_an_updated_file_keeps_its_mode(project: Path) -> None:
    out = project / "out.yaml"
    out.write_bytes(OLD)
    out.chmod(0o640)
    result = render(project, "out.yaml", preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    assert "version: '1.0.0'" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give files away")
def test_root_keeps_an_updated_files_owner(project: Path) -> None:
    out = project / "out.yaml"
    out.write_bytes(OLD)
    os.chown(out, 4321, 4322)
    assert render(project, "out.yaml").returncode == 0
    assert "version: '1.0.0'" in out.read_text(encoding="utf-8")
    assert (out.stat().st_uid, out.stat().st_gid) == (4321, 4322)


# -- places that cannot be written ----------------------------------------------------------------


def _chattr(flag: str, path: Path) -> None:
    chattr = shutil.which("chattr")
    if chattr is None or os.geteuid() != 0:
        pytest.skip("needs chattr and root")
    if subprocess.run([chattr, flag, os.fspath(path)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag")


def test_an_immutable_output_file_is_named_with_the_reason(project: Path) -> None:
    out = project / "out.yaml"
    out.write_bytes(OLD)
    _chattr("+i", out)
    try:
        result = render(project, "out.yaml")
    finally:
        subprocess.run(["chattr", "-i", os.fspath(out)], check=True)
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("out.yaml: error: cannot write the output file: Operation not permitted")
    assert "immutable" in result.stderr
    assert out.read_bytes() == OLD
    assert temp_files(project) == []


def test_a_folder_that_refuses_new_files_is_named_with_the_reason(project: Path) -> None:
    # Root ignores a folder's mode bits, so as root the folder is made immutable instead.
    folder = project / "docs"
    folder.mkdir()
    (folder / "out.yaml").write_bytes(OLD)
    if os.geteuid() == 0:
        _chattr("+i", folder)
    else:
        folder.chmod(0o555)
    try:
        result = render(project, "docs/out.yaml")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", os.fspath(folder)], check=True)
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("docs/out.yaml: error: cannot write the output file: cannot create a file in ")
    assert (folder / "out.yaml").read_bytes() == OLD
    assert temp_files(folder) == []


def test_a_read_only_file_system_is_named(project: Path) -> None:
    # /proc refuses new files even to root: a real read-only place on every Linux machine.
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc")
    result = render(project, "/proc/asyncapi.yaml")
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("/proc/asyncapi.yaml: error: cannot write the output file")


def test_check_against_a_fifo_is_refused_not_read(project: Path) -> None:
    os.mkfifo(project / "committed.yaml")
    result = cli("check", "t.yaml", "--var", "VERSION=1.0.0", "--against", "committed.yaml", cwd=project)
    assert result.returncode == 1
    assert "committed.yaml: error: the output path is a named pipe (FIFO)" in result.stderr


def test_check_against_a_stream_is_a_usage_error(project: Path) -> None:
    result = render(project, "-", "--check")
    assert result.returncode == 2
    assert "--check compares with a file" in result.stderr


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "error: the output path is empty"),
        ("t.yaml/out.yaml", "t.yaml/out.yaml: error: a folder in the output path is a file"),
        ("x" * 300 + ".yaml", "error: cannot use the output path: File name too long"),
    ],
)
def test_impossible_output_paths_are_named(project: Path, output: str, message: str) -> None:
    result = render(project, output)
    assert result.returncode == 1
    assert message in result.stderr and "internal error" not in result.stderr
    assert (project / "t.yaml").read_text(encoding="utf-8") == TEMPLATE


def test_the_stream_is_utf8_whatever_the_locale(project: Path) -> None:
    (project / "t.yaml").write_text(TEMPLATE.replace("Demo", "Démo ✓"), encoding="utf-8")
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    written = render(project, "-", env=environment)
    assert written.returncode == 0, written.stderr
    assert "title: Démo ✓" in written.stdout
    (project / "out.yaml").write_text("asyncapi: 3.0.0\n", encoding="utf-8")
    stale = render(project, "out.yaml", "--check", env=environment)
    assert stale.returncode == 1 and "+  title: Démo ✓" in stale.stdout
