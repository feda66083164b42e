"""The spec as a test oracle: what each side may send on each channel, and frame checks against it.

:class:`Contract` reads the channels, operations and replies of a document; :class:`FrameChecker`
tells whether a frame is a documented message of its side, and if not, which field fails which
spec keyword. Framework-free: the Django communicator, the runtime frame checks and the mock
server all ask this package.
"""

from .frames import FrameChecker, Problem, Verdict, discriminators, required_keys
from .model import Channel, Contract, Message, Operation, Side

__all__ = ["Channel", "Contract", "FrameChecker", "Message", "Operation", "Problem", "Side", "Verdict", "discriminators", "required_keys"]
