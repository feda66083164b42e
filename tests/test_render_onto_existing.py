"""``render`` onto an existing output reads the rendered template as data only (issue 11: the
rewrite patches the committed text, so the round-trip parse is not needed): the result must be
byte-identical to the full path's, and every diagnostic must still name its line and column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

TEMPLATE = """\
asyncapi: 3.0.0
info:
  title: Rides
  version: '1.0.0'
servers:
  default:
    host: '{{ WS_HOST }}'
    protocol: ws
channels:
  rides:
    address: /ws/rides/
    messages:
      request:
        payload:
          type: object
          properties:
            pickup: {type: string}
            seats:
              type: integer
operations:
  request:
    action: receive
    channel: {$ref: '#/channels/rides'}
    messages:
      - $ref: '#/channels/rides/messages/request'
"""

COMMITTED = """\
# committed: keep this comment
asyncapi: 3.0.0
info:
    title: Rides   # the product name
    version: '1.0.0'
servers:
    default:
        host: old.example.com
        protocol: ws
channels:
    rides:
        address: /ws/rides/
        messages:
            request:
                payload:
                    type: object
                    properties:
                        pickup: {type: string}
                        seats:
                            type: integer
operations:
    request:
        action: receive
        channel: {$ref: '#/channels/rides'}
        messages:
            - $ref: '#/channels/rides/messages/request'
"""


def render(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([sys.executable, "-m", "asyncapi_tools", "render", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)


def test_data_only_and_round_trip_give_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "fast.yaml").write_text(COMMITTED, encoding="utf-8")
    (tmp_path / "full.yaml").write_text(COMMITTED, encoding="utf-8")
    fast = render(tmp_path, "t.yaml", "--host", "api.example.com", "-o", "fast.yaml")
    # --report needs line numbers, so it takes the round-trip path: the reference
    full = render(tmp_path, "t.yaml", "--host", "api.example.com", "-o", "full.yaml", "--report")
    assert fast.returncode == 0 and full.returncode == 0, fast.stderr + full.stderr
    written = (tmp_path / "fast.yaml").read_text(encoding="utf-8")
    assert written == (tmp_path / "full.yaml").read_text(encoding="utf-8")
    # the layout is kept: 4-space indents, comments, flow mappings; only changed lines differ
    expected = COMMITTED.replace("host: old.example.com", "host: api.example.com").replace(
        "                payload:\n", "                payload:\n                    title: Request\n"
    )
    assert written == expected  # one changed line, one added title at its neighbours' indent
    assert "# committed: keep this comment" in written and "# the product name" in written


def test_a_problem_found_on_the_data_path_is_still_located(tmp_path: Path) -> None:
    broken = TEMPLATE.replace("    channel: {$ref: '#/channels/rides'}", "    channel: {$ref: '#/channels/ridez'}")
    (tmp_path / "t.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "out.yaml").write_text(COMMITTED, encoding="utf-8")
    result = render(tmp_path, "t.yaml", "--host", "api.example.com", "-o", "out.yaml")
    assert result.returncode == 1
    assert "t.yaml:23:15: error[unresolved-ref]" in result.stderr, result.stderr  # located, not "<document>"
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8") == COMMITTED
