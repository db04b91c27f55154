"""The rules engine: pure Python, no Django, no I/O in the hot path.

Public API (used by the CLI, the wizard, the API and the reviewer console alike):

    precheck(application: dict) -> dict   # the result object of ../shared/spec/precheck.md
    ApplicationError                       # raised for malformed input; has .path and .message
"""

from beian.rules.engine import ApplicationError, precheck

__all__ = ["ApplicationError", "precheck"]
