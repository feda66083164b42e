"""``manage.py demo_token [username]``: create the demo user if needed and print a handshake token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from rides.tokens import make_token


class Command(BaseCommand):
    help = "Print a ?token=... value for the WebSocket handshake (creates the user if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="rider", help="the demo user (default: rider)")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user, _ = get_user_model().objects.get_or_create(username=username)
        self.stdout.write(make_token(user))
