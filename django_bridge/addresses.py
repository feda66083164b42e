"""WebSocket paths → AsyncAPI channel addresses with ``{param}`` expressions.

Accepts what routing files contain: Django route syntax (``ws/rides/<int:ride_id>/``), regex
routes (``^ws/rooms/(?P<room>[^/]+)/$``) and addresses already written with ``{room}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROUTE = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_BRACES = re.compile(r"\{(?P<name>[^{}]+)\}")


@dataclass(frozen=True)
class Parameter:
    name: str
    #: Django converter (``int``, ``slug``, ...) or ``regex: <pattern>``; None for ``{name}``.
    source: str | None = None

    @property
    def description(self) -> str:
        if self.source is None:
            return f"Path parameter `{self.name}`."
        return f"Path parameter `{self.name}` ({self.source})."


@dataclass(frozen=True)
class Address:
    text: str
    parameters: tuple[Parameter, ...]
    #: The last literal segment (``dispatch`` for ``/ws/dispatch/{id}/``), for naming the channel.
    label: str


def parse(path: str) -> Address:
    """The address and its parameters; unnamed regex groups are kept literally."""
    text = path
    if text.startswith("^"):
        text = text[1:]
    if text.endswith("$") and not text.endswith("\\$"):
        text = text[:-1]
    parameters: list[Parameter] = []
    text = _replace_regex_groups(text, parameters)

    def route(match: re.Match[str]) -> str:
        parameters.append(Parameter(match["name"], f"Django converter `{match['converter'] or 'str'}`"))
        return "{" + match["name"] + "}"

    text = _ROUTE.sub(route, text)
    seen = {parameter.name for parameter in parameters}
    for match in _BRACES.finditer(text):
        if match["name"] not in seen:
            seen.add(match["name"])
            parameters.append(Parameter(match["name"]))
    literal = [segment for segment in _BRACES.sub("", text).split("/") if segment.strip()]
    label = literal[-1] if literal else ""
    return Address(text=text, parameters=tuple(sorted(parameters, key=lambda p: text.index("{" + p.name + "}"))), label=label)


def _replace_regex_groups(text: str, parameters: list[Parameter]) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        if text.startswith("(?P<", index):
            end_name = text.index(">", index)
            name = text[index + 4 : end_name]
            depth, cursor = 1, end_name + 1
            while cursor < len(text) and depth:
                char = text[cursor]
                if char == "\\":
                    cursor += 2
                    continue
                depth += {"(": 1, ")": -1}.get(char, 0)
                cursor += 1
            pattern = text[end_name + 1 : cursor - 1]
            parameters.append(Parameter(name, f"regex `{pattern}`"))
            out.append("{" + name + "}")
            index = cursor
        else:
            out.append(text[index])
            index += 1
    return "".join(out)
