"""The Dispatch demo as deployed: Origin checks, the Redis channel layer, static files."""
