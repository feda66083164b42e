#!/usr/bin/env python
"""The Dispatch demo's manage.py: ``python manage.py migrate``, ``python manage.py demo_token``."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dispatch_demo.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
