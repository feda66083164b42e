"""``python -m asyncapi_tools`` runs the CLI."""

from asyncapi_tools.cli import main

main()
