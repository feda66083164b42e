"""The shared middle of the writing faces: titles, then validation, with diagnostics collected.

The CLI's ``render``, ``merge`` and ``check``, the Django generator (its titles), the docs views
(their validation) and the ``export_asyncapi`` command call ``build`` on whatever source produced
the document (template, merge, consumers, a committed file), so a step added here reaches each of
them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._diagnostics import Diagnostic, errors
from ._document import Document

if TYPE_CHECKING:
    from ._titles import TitleChange


@dataclass
class BuildResult:
    """What :func:`build` did to a document: the titles it added and what validation found."""

    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)
    titles: list[TitleChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.diagnostics)


def build(
    doc: Document,
    *,
    titles: bool = True,
    nested_titles: bool = True,
    unshared: bool = False,
    validate: bool = True,
) -> BuildResult:
    """Inject titles into ``doc`` (in place) and validate it; diagnostics are returned, not raised.

    ``titles=False`` skips titles (a merge keeps its inputs' titles as they are); ``nested_titles``
    also names nested objects, array items and enums; ``unshared=True`` is the promise of a source
    that built the tree itself, with no node reachable twice (see :func:`inject_titles`), which
    spares the title step its sharing analysis; ``validate=False`` leaves ``diagnostics`` empty, so
    ``ok`` is true.
    """
    result = BuildResult(document=doc)
    if titles:
        from ._titles import inject_titles

        result.titles = inject_titles(doc, nested=nested_titles, unshared=unshared)
    if validate:
        from ._validate import validate as run_validation

        result.diagnostics = run_validation(doc)
    return result
