"""The shared middle of every face: titles, then validation, with diagnostics collected.

The CLI's ``render``, the Django ``export_asyncapi`` command and the views all call ``build`` on
whatever source produced the document (template, merge, generator), so a step added here reaches
every face at once.
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
    validate: bool = True,
) -> BuildResult:
    """Inject titles and validate ``doc`` in place; errors are returned, not raised."""
    result = BuildResult(document=doc)
    if titles:
        from ._titles import inject_titles

        result.titles = inject_titles(doc, nested=nested_titles)
    if validate:
        from ._validate import validate as run_validation

        result.diagnostics = run_validation(doc)
    return result
