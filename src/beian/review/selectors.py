"""Reads of the reviewer console used by other apps.

`field_reasons` is the seam through which the applicant's wizard shows reviewer reasons at the
right fields; the reviewer console fills it.
"""


def field_reasons(*, order) -> dict[str, list[str]]:
    """Open reviewer reasons for an order, keyed by field path (precheck.md paths), in Chinese."""
    return {}
