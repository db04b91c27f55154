"""Django-backed subcommands of `beian`."""

import os
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beian.settings")
    import django

    django.setup()


def _refused(command: str, exc: Exception) -> int:
    # A production run without its settings (beian.profile): the message names each; a traceback adds nothing.
    print(f"beian {command}: {exc}", file=sys.stderr)
    return 2


def manage_main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beian.settings")
    from django.core.management import execute_from_command_line

    from beian.profile import SettingsRefused

    try:
        execute_from_command_line(["beian manage", *argv])
    except SettingsRefused as exc:
        return _refused("manage", exc)
    return 0


def demo_main(argv: list[str]) -> int:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from beian.profile import SettingsRefused

    try:
        _setup()
        call_command("beian_demo", *argv)
    except (SettingsRefused, CommandError) as exc:
        return _refused("demo", exc)
    return 0
