"""Run @asyncapi/modelina (npm, pinned in package.json) through node to make the models.

No JSON-Schema-to-TypeScript translator is written here: Modelina does that job, and its names
come from our titles and component keys. ``modelina.js`` beside this module does the node side.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .._errors import AssetsMissing, InputError

SCRIPT = Path(__file__).with_name("modelina.js")
#: How long one Modelina run may take (the parser and Modelina load in ~3 s on a busy 2-core box).
TIMEOUT_SECONDS = 180.0
#: Where to look for node_modules when none is given: an environment variable wins.
NODE_MODULES_ENV = "ASYNCAPI_TOOLS_NODE_MODULES"


@dataclass(frozen=True)
class Model:
    name: str
    code: str
    title: str | None
    schema_id: str | None


def find_node_modules(start: Path | None = None) -> Path:
    """The ``node_modules`` folder holding ``@asyncapi/modelina``: ``$ASYNCAPI_TOOLS_NODE_MODULES``,
    else the nearest one from ``start`` (the working directory) upwards, else this checkout's."""
    explicit = os.environ.get(NODE_MODULES_ENV)
    if explicit:
        candidates = [Path(explicit)]  # named on purpose: never fall back to another install
    else:
        here = (start or Path.cwd()).resolve()
        candidates = [folder / "node_modules" for folder in (here, *here.parents)]
        candidates.append(Path(__file__).resolve().parents[2] / "node_modules")
    for candidate in candidates:
        if (candidate / "@asyncapi" / "modelina" / "package.json").is_file():
            return candidate
    where = f"in {explicit} (${NODE_MODULES_ENV})" if explicit else "in any node_modules folder from the working directory up"
    raise AssetsMissing(
        f"@asyncapi/modelina is not installed {where}: clients' models are made by it",
        hint=f"run `npm install --save-dev @asyncapi/modelina@5.10.1` in your project, or set {NODE_MODULES_ENV} to a node_modules folder that has it",
    )


def run_modelina(spec_text: str, lang: str, *, source: str) -> list[Model]:
    """The models of ``spec_text`` in ``lang`` (``typescript`` or ``python``), sorted by name."""
    node = shutil.which("node")
    if node is None:
        raise AssetsMissing("node is not on PATH: Modelina runs on Node.js", hint="install Node.js 20 or newer")
    node_modules = find_node_modules()
    try:
        completed = subprocess.run(
            [node, str(SCRIPT)],
            input=json.dumps({"spec": spec_text, "lang": lang}),
            capture_output=True,
            text=True,
            env={**os.environ, "NODE_PATH": str(node_modules)},
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"Modelina did not finish within {TIMEOUT_SECONDS:.0f} s", file=source) from None
    if completed.returncode != 0:
        raise InputError(
            f"Modelina could not make models: {completed.stderr.strip()}",
            file=source,
            hint="run `asyncapi-tools validate` on the document",
        )
    # Modelina's Python generator renders a oneOf/anyOf union as a model without a name or code:
    # nothing to write, and a payload typed by it is refused with its message name (_spec.py).
    models = [
        Model(item["name"], item["code"], item.get("title"), item.get("schemaId"))
        for item in json.loads(completed.stdout)["models"]
        if item["name"]
    ]
    anonymous = [model.name for model in models if model.name.startswith("AnonymousSchema")]
    if anonymous:
        raise InputError(
            f"{len(anonymous)} schema(s) have no title, so Modelina named them {', '.join(anonymous)}",
            file=source,
            hint="run `asyncapi-tools inject-titles` on the document (it titles nested objects and enums too)",
        )
    return models


def type_names(models: list[Model]) -> dict[str, str]:
    """Title or component schema key -> model name (a title wins over a key)."""
    names: dict[str, str] = {}
    for model in models:
        if model.schema_id and not model.schema_id.startswith("<"):
            names.setdefault(model.schema_id, model.name)
    for model in models:
        if model.title:
            names[model.title] = model.name
    return names
