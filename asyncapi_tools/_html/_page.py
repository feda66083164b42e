"""Build the docs page: inlined into one file, or linked to separate asset files.

Nothing from the spec is written into markup or script: the spec and the page configuration go
into ``<script type="application/json">`` data blocks with ``<``, ``>`` and ``&`` escaped (so no
``</script>`` or ``<!--`` in spec text can end the block), and ``page.js`` reads them with
``JSON.parse``. The markup around them is constant.

The single file carries its Content-Security-Policy in a ``<meta>`` element with the SHA-256 of
each inline script and stylesheet: spec text rendered by the viewer (Markdown may hold HTML)
cannot add a script or style that runs. The linked form (a folder, or the preview server) allows
``'self'`` instead. ``'unsafe-eval'`` is there because the viewer's parser compiles JSON Schemas
with ``new Function``; ``connect-src`` is ``'none'`` for files and ``'self'`` for the preview.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .._diagnostics import Diagnostic
from .._errors import AssetsMissing
from .._files import atomic_write_bytes

#: (file name in the page's folder, where it lives in this package, script or style), in load order.
ASSETS: tuple[tuple[str, str, str], ...] = (
    ("asyncapi-react.css", "vendor/default.min.css", "style"),
    ("features.css", "assets/features.css", "style"),
    ("page.css", "assets/page.css", "style"),
    ("asyncapi-react.js", "vendor/standalone.js", "script"),
    ("features.js", "assets/features.js", "script"),
    ("page.js", "assets/page.js", "script"),
)

#: The directives every form of the page shares; script and style sources are added per form.
BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("form-action", "'none'"),
    ("base-uri", "'none'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
)

_SKELETON = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="asyncapi-tools">
<title>AsyncAPI documentation</title>
{styles}
</head>
<body class="aat-page">
<header class="aat-bar">
<span class="aat-title" id="aat-title">AsyncAPI documentation</span>
<span class="aat-live" id="aat-live" hidden></span>
<div class="aat-tools" id="aat-tools"></div>
</header>
<section id="aat-diagnostics" class="aat-diagnostics" hidden aria-live="polite"></section>
<main id="aat-viewer" class="aat-viewer"><p>Loading the API documentation…</p>
<noscript>This page needs JavaScript to show the API documentation.</noscript></main>
<script type="application/json" id="aat-spec">{spec}</script>
<script type="application/json" id="aat-config">{config}</script>
{scripts}
</body>
</html>
"""

# Inside an inline <script>, "<!--" and "<script" change how the HTML parser finds the end of the
# element. In JavaScript they can only occur in strings, templates and regular expressions, where
# "\x3C" means the same "<".
_SCRIPT_MARKUP = re.compile(r"<(?=!--|/?script)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """The page's HTML, the asset files it links to (empty when inlined), and its policy."""

    html: str
    policy: str
    files: Mapping[str, bytes] = field(default_factory=dict)


def json_block(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` at all."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _asset_text(relative: str) -> str:
    resource = resources.files(__package__).joinpath(relative)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssetsMissing(
            f"the docs viewer file {relative} is not installed in asyncapi_tools/_html/",
            hint="in a source checkout run `python scripts/vendor_assets.py` (it copies the pinned "
            "@asyncapi/react-component from npm); a wheel ships it",
        ) from None


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _policy(scripts: str, styles: str, connect: str) -> str:
    directives = [*BASE_POLICY, ("script-src", f"{scripts} 'unsafe-eval'"), ("style-src", styles), ("connect-src", connect)]
    return "; ".join(f"{name} {value}" for name, value in directives)


def diagnostics_for_page(diagnostics: Sequence[Diagnostic]) -> list[dict[str, str]]:
    """What the page shows: severity and the compiler-style text (file:line:column, hint)."""
    return [{"severity": d.severity, "text": d.format()} for d in diagnostics]


def build_page(
    spec: Mapping[str, Any] | None,
    *,
    inline: bool = True,
    diagnostics: Sequence[Diagnostic] = (),
    live: Mapping[str, Any] | None = None,
    viewer: Mapping[str, Any] | None = None,
    asset_prefix: str = "assets/",
) -> Page:
    """The docs page for ``spec`` (plain JSON data; ``None`` shows only the diagnostics).

    ``inline``: one file with every asset inside, else ``<link>``/``<script src>`` to
    ``asset_prefix`` + name and the files in :attr:`Page.files`. ``live``: the preview's
    ``{"url", "version"}``, which the page polls to reload. ``viewer``: the viewer's config.
    """
    config: dict[str, Any] = {"diagnostics": diagnostics_for_page(diagnostics), "viewer": dict(viewer or {})}
    if live is not None:
        config["live"] = dict(live)
    texts = {name: _asset_text(relative) for name, relative, _ in ASSETS}
    styles: list[str] = []
    scripts: list[str] = []
    files: dict[str, bytes] = {}
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for name, _, kind in ASSETS:
        text = texts[name]
        if inline:
            if kind == "script":
                text = _SCRIPT_MARKUP.sub(r"\\x3C", text)
                scripts.append(f"<script>{text}</script>")
            else:
                text = text.replace("</", "<\\/")  # CSS never needs "</"; this keeps </style> out
                styles.append(f"<style>{text}</style>")
            hashes[kind].append(_hash(text))
        else:
            files[name] = text.encode("utf-8")
            url = asset_prefix + name
            if kind == "script":
                scripts.append(f'<script src="{url}"></script>')
            else:
                styles.append(f'<link rel="stylesheet" href="{url}">')
    if inline:
        policy = _policy(" ".join(hashes["script"]), " ".join(hashes["style"]), "'none'")
    else:
        policy = _policy("'self'", "'self'", "'self'" if live is not None else "'none'")
    csp = f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    html = _SKELETON.format(
        csp=csp,
        styles="\n".join(styles),
        scripts="\n".join(scripts),
        spec=json_block(dict(spec) if spec is not None else None),
        config=json_block(config),
    )
    return Page(html=html, policy=policy, files=files)


def is_folder_target(output: str) -> bool:
    """``-o dir/`` (or an existing folder) asks for the page with separate asset files."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def write_page(spec: Mapping[str, Any], output: str, *, viewer: Mapping[str, Any] | None = None) -> list[Path]:
    """Write the page to ``output``: one file, or ``index.html`` plus ``assets/`` in a folder.

    Each file is replaced atomically, so a failure leaves the previous page as it was.
    """
    if not is_folder_target(output):
        page = build_page(spec, inline=True, viewer=viewer)
        target = Path(output)
        atomic_write_bytes(target, page.html.encode("utf-8"), display=output)
        return [target]
    folder = Path(output)
    page = build_page(spec, inline=False, viewer=viewer)
    written = []
    for name, data in page.files.items():
        target = folder / "assets" / name
        atomic_write_bytes(target, data)
        written.append(target)
    index = folder / "index.html"
    atomic_write_bytes(index, page.html.encode("utf-8"))
    return [index, *written]
