"""Django management commands of the bridge (Django finds them in ``commands/``)."""
