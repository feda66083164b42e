"""The generator's findings: warnings with a breadcrumb, file and line, and located payload errors.

One :class:`Findings` per generation run collects every warning in the order it is found and
remembers where each name's origin is defined, so that a name collision (reported once all names
are known) can still point at the consumer, handler or type that asked for the second name.
"""

from __future__ import annotations

import inspect
import sys
from typing import TYPE_CHECKING, Any

from ..annotations.decorators import HandlerDoc, handler_doc
from ..discovery import addresses
from ..errors import PayloadError
from ..locations import class_location, display_path, function_location

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic

    from .model import Message
    from .naming import Names

#: How to fix a collision of each kind of name.
COLLISION_FIXES: dict[str, str] = {
    "channel": "give the consumers distinct paths, or document them in separate generators",
    "message": "give one of them its own component id with message_id='...' (the wire name stays as it is)",
    "operation": "give the message its own component id with message_id='...'",
    "schema": "rename one of the classes, or give it an explicit title",
}

Location = tuple[str | None, int | None]


class Findings:
    """The warnings of one run, and where the origins of its names are defined."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        #: origin string given to the naming module → (breadcrumb, file and line); a consumer
        #: class stands for its location, looked up only if a report needs it (finding a
        #: class's line parses its module).
        self.origins: dict[str, tuple[str | None, type | Location]] = {}

    def warn(
        self,
        code: str,
        message: str,
        *,
        consumer: type | None,
        method: str | None,
        location: Location,
        hint: str,
        pointer: str = "",
    ) -> None:
        """A warning with the breadcrumb ``Consumer > method``, located at ``location``."""
        crumb = " > ".join(part for part in (consumer.__name__ if consumer else None, method) if part)
        file, line = location
        self.diagnostics.append(
            diagnostic(code, message, breadcrumb=crumb or None, file=file, line=line, hint=hint, pointer=pointer)
        )

    def warn_at(self, message: Message, code: str, text: str, *, hint: str) -> None:
        """A warning located at the handler that documents ``message``."""
        self.warn(code, text, consumer=message.consumer, method=message.method, location=message.doc.location, hint=hint)

    def payload_error(self, message: Message, text: str, *, hint: str | None = None) -> PayloadError:
        """The error that stops generation: a payload that cannot be described, at its handler."""
        file, line = message.doc.location
        return PayloadError(
            f"{message.consumer.__name__} > {message.method}: {text}",
            file=display_path(file),
            line=line,
            hint=hint or "use None, a JSON Schema dict, a dataclass, a TypedDict, a Pydantic model or a DRF serializer",
        )

    def warn_empty(self, consumer: type) -> None:
        """A consumer that documents nothing: its channel is written without messages."""
        file, line = class_location(consumer)
        self.diagnostics.append(
            diagnostic(
                "empty-consumer",
                f"{consumer.__name__} has no @document_action or @document_event handlers and declares no messages; its channel has no messages",
                breadcrumb=consumer.__name__,
                file=file,
                line=line,
                hint="decorate its handlers, or declare the frames it handles in receive_json() with "
                "@document_channel(messages=[client_message(...), server_message(...)])",
            )
        )

    def warn_undocumented(self, consumer: type, handlers: list[tuple[str, HandlerDoc]]) -> None:
        """``handle_*`` methods next to documented ones that document nothing themselves."""
        documented_methods = {method for method, _ in handlers}
        documented_actions = {doc.name for _, doc in handlers if doc.kind == "action"}
        for attr in sorted(dir(consumer)):
            if not attr.startswith("handle_") or attr in documented_methods:
                continue
            value = inspect.getattr_static(consumer, attr, None)
            func = getattr(value, "__func__", value)
            if not callable(func) or handler_doc(func) is not None:
                continue
            if attr[len("handle_") :] in documented_actions:
                continue
            self.warn(
                "undocumented-handler",
                f"{consumer.__name__}.{attr} looks like an action handler but is not documented",
                consumer=consumer,
                method=attr,
                location=function_location(func),
                hint=f"decorate it with @document_action(summary=...) (action {attr[len('handle_'):]!r})",
            )

    def warn_address(self, consumer: type, address: addresses.Address) -> None:
        """What the path parser approximated in an explicit channel path, located at the consumer."""
        if not address.findings:
            return
        location = class_location(consumer)
        for finding in address.findings:
            documented = f"; it is documented as {address.text!r}" if finding.code == addresses.UNSUPPORTED else ""
            self.warn(finding.code, finding.message + documented, consumer=consumer, method=None, location=location, hint=finding.hint)

    def report_collisions(self, names: Names) -> None:
        """One warning per name that two origins wanted, at the second origin."""
        for what, collision in names.collisions():
            crumb, file, line = self.origin(collision.second)
            self.diagnostics.append(
                diagnostic(
                    "name-collision",
                    f"{what} name {collision.name!r} is wanted by {collision.first} and by {collision.second}; "
                    f"the second is called {collision.assigned!r}",
                    hint=COLLISION_FIXES[what],
                    breadcrumb=crumb,
                    file=file,
                    line=line,
                )
            )

    def origin(self, origin: str) -> tuple[str | None, str | None, int | None]:
        """Breadcrumb, file and line of a name's origin (a consumer, a handler or a type)."""
        known = self.origins.get(origin)
        if known is None:
            return type_location(origin)
        crumb, where = known
        return (crumb, *(class_location(where) if isinstance(where, type) else where))


def diagnostic(
    code: str,
    message: str,
    *,
    hint: str,
    breadcrumb: str | None = None,
    file: str | None = None,
    line: int | None = None,
    pointer: str = "",
) -> Diagnostic:
    """A generator warning (the generator reports nothing worse: errors are raised)."""
    from asyncapi_tools import Diagnostic

    return Diagnostic(
        code=code,
        message=message,
        severity="warning",
        pointer=pointer,
        file=display_path(file),
        line=line,
        hint=hint,
        breadcrumb=breadcrumb,
    )


def type_location(origin: str) -> tuple[str | None, str | None, int | None]:
    """Breadcrumb and source of a named type from its origin (``python:pkg.mod.Class``): the
    longest imported module prefix, then attributes; unknown when they do not lead to a class
    (types made by ``create_model`` or in a function are no module attributes)."""
    dotted = origin.split(":", 1)[-1].split(" ", 1)[0].split("[", 1)[0]
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        obj: Any = module
        for part in parts[cut:]:
            obj = getattr(obj, part, None)
        if isinstance(obj, type):
            return (obj.__qualname__, *class_location(obj))
        break
    return (None, None, None)
