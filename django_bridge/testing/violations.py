"""The failure a contract check raises: an AssertionError, so pytest shows it as a test failure."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asyncapi_tools import Verdict


class ContractViolation(AssertionError):
    """A frame the spec does not document, or a documented reply that never came.

    ``str()`` is the whole report (channel, operation, message, field, JSON pointer in the frame,
    spec location, the frame); ``verdict`` is the frame check behind it, when there is one.
    """

    def __init__(self, report: str, *, verdict: Verdict | None = None) -> None:
        super().__init__(report)
        self.report = report
        self.verdict = verdict
