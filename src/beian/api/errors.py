"""The one error of the JSON API. Every failure answers `{"code", "message", "details"}` (plus `request_id`):
`code` is stable for machines, `message` is Chinese for people, `details` is an object (e.g. the field `path`,
the `findings` with their codes)."""

from ninja import Schema


class ErrorOut(Schema):
    """The error envelope as OpenAPI shows it."""

    code: str
    message: str
    details: dict = {}
    path: str | None = None
    request_id: str | None = None


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or {}
