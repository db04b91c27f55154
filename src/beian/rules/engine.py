"""Placeholder until the engine lands: keeps the public API importable."""

from typing import Any


class ApplicationError(ValueError):
    """The input is not an application; `path` names the bad field (e.g. `subject.nature`)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def precheck(application: Any) -> dict:
    raise NotImplementedError
