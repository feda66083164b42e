"""The Dispatch demo project: the reference README's ride-hailing WebSocket API, documented."""
