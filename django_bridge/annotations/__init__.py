"""What you write on consumers: the decorators, the type hints they read, channel metadata,
the declared wire format, and the mistakes the decorators refuse."""
