"""Django-backed subcommands of `beian`."""

import os


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beian.settings")
    import django

    django.setup()


def manage_main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beian.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["beian manage", *argv])
    return 0


def demo_main(argv: list[str]) -> int:
    _setup()
    from django.core.management import call_command

    call_command("beian_demo", *argv)
    return 0
