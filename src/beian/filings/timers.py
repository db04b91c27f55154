"""Timers are rows with due times; `sweep` applies the due ones. Filled in by the order lifecycle."""


def sweep(now=None) -> int:
    return 0
