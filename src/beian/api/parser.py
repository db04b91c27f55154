"""Request bodies of the JSON API read within rules/safejson.py's limits (size, depth, number size), for the
precheck endpoint and for any operation with a schema body (django-ninja's parser)."""

from ninja.parser import Parser

from beian.rules import safejson

# The API's first codes for two of the limits are published (OpenAPI description, clients): kept.
CODES = {"json_invalid": "body_not_json", "json_too_deep": "body_too_deep"}


def json_error(exc: safejson.JsonProblem) -> tuple[int, dict]:
    """(status, error body) for a body that is not JSON within the limits."""
    status = 413 if exc.code == "json_too_large" else 400
    return status, {"code": CODES.get(exc.code, exc.code), "message": exc.message, "details": {"path": exc.path},
                    "path": exc.path}


class SafeParser(Parser):
    def parse_body(self, request):
        return safejson.loads(request.body)
