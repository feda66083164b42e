"""Plain data from YAML text, fast: ruamel's C (libyaml) loader, YAML 1.2 like the round trip.

Used where only the data matters, such as deciding whether a committed file is up to date, so the
pure-Python round-trip parse (~25x slower) is paid only when something changed.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from . import _refuse_alias_bombs, to_plain

if TYPE_CHECKING:
    from ruamel.yaml import YAML


_per_thread = threading.local()


def _safe_c() -> YAML:
    """This thread's C loader: a ``YAML`` instance holds parser state, so threads never share one."""
    yaml: YAML | None = getattr(_per_thread, "safe_c", None)
    if yaml is None:
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=False)
        yaml.allow_duplicate_keys = False
        _per_thread.safe_c = yaml
    return yaml


def parser_module() -> str:
    """The module of the parser class the fast loader uses (a C extension when clib is present)."""
    return str(_safe_c().Parser.__module__)


def fast_load(text: str) -> Any:
    """JSON-compatible plain data (dates as ISO strings, as ``to_plain`` gives them).

    Raises ruamel's own errors on malformed YAML; callers that need a located message parse
    again with :func:`asyncapi_tools._yaml.parse`. Aliases are expanded, so an alias bomb is
    refused (``YAMLSyntaxError``) before the expansion starts.
    """
    data = _safe_c().load(text)
    _refuse_alias_bombs(data, None)
    return to_plain(data)
