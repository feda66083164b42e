"""Breaking-change detection between two versions of an AsyncAPI 3 document.

    load both sides (_load: files, git:REF:path)  ->  follow refs (_nodes)
    -> direction of each message from the operations (_direction)
    -> pair servers, channels, operations, components, renames (_matching)
    -> compare (_servers, _channels, _operations, _messages, _schema, _security, _components)
    -> DiffChange list, each from a check declared in _catalog  ->  ignore (_ignore), print (_format)
"""

from ._catalog import CHECKS, Check
from ._engine import diff
from ._format import drift_report
from ._model import DiffChange, Where

__all__ = ["CHECKS", "Check", "DiffChange", "Where", "diff", "drift_report"]
