"""A mock server from a spec: every channel's address served over WebSocket, client frames
checked against the spec, documented replies sent back, server messages pushed on request or on a
timer. Frontend developers work against the spec before the backend exists."""

from .responder import POLICY_VIOLATION, Answer, OnInvalid, Responder
from .server import PUSH_PATH, MockOptions, MockServer, describe

__all__ = ["POLICY_VIOLATION", "PUSH_PATH", "Answer", "MockOptions", "MockServer", "OnInvalid", "Responder", "describe"]
