"""Request-layer guards shared by the platform and the ministry simulator.

ErrorPageMiddleware: a view that answers an error with an empty body (require_POST's bare 405, a throttle's
429) or a framework's English text (django-ninja's "Method not allowed") gets the Chinese error page, keeping
its headers (Allow, Retry-After).

RequestSizeMiddleware: a request over REQUEST_MAX_BYTES is refused with the 413 page before it is read.

ControlCharacterMiddleware: NUL and the other control characters cannot be typed, PostgreSQL refuses NUL in
text and the ministry's interface rejects control characters, so an input carrying one is refused before any
view runs (nothing is saved), with a page naming the input. Tab, CR and LF stay allowed (textareas).
"""

import re

from django.conf import settings

from beian.rules import safejson
from beian.web import errors
from beian.web import messages as msg
from beian.web.labels import field_label

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CJK = re.compile("[\u4e00-\u9fff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def _written_for_people(response) -> bool:
    """A JSON body (our APIs' envelope) or any text with Chinese in it; not an empty or English default body."""
    if response.get("Content-Type", "").startswith("application/json"):
        return True
    return bool(CJK.search(response.content.decode("utf-8", "replace")))


class ErrorPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or getattr(response, "streaming", False) or _written_for_people(response):
            return response
        page = errors.error_response(request, response.status_code, retry_after=response.get("Retry-After"))
        for header in KEPT_HEADERS:
            if header in response:
                page[header] = response[header]
        page.cookies = response.cookies
        return page


_SIGNING_PATH = re.compile(r"/orders/\d{1,12}/websites/"
                           r"|/api/v1/orders/[A-Za-z0-9_-]{1,20}/apps/\d{1,3}/platforms/\d{1,3}/signing-file")


class RequestSizeMiddleware:
    """Refuses a request whose declared size is over REQUEST_MAX_BYTES before reading it: Django caps form
    fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams any size of upload to disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "REQUEST_MAX_BYTES", None)
        if limit and request.method == "POST" and _SIGNING_PATH.fullmatch(request.path_info):
            # 填写网站信息 carries an APP's signed .apk (tens of MB; wizard/app_signing.py, documents/appsign.py)
            # as does the API's signing-file upload (api/order_apps.py)
            limit = max(limit, getattr(settings, "SIGNING_REQUEST_MAX_BYTES", limit))
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if limit and size > limit:
            return errors.error_response(request, 413, limit=limit)
        return self.get_response(request)


def input_label(name: str) -> str:
    name = CONTROL.sub("", name)[:80]
    return msg.INPUT_LABELS.get(name) or field_label(name) or name


def _json_path(value) -> str | None:
    """The path of the first string (or key) in a JSON value that holds a control character (iteratively: a
    deeply nested body must not exhaust the stack)."""
    stack = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if CONTROL.search(item):
                return path
        elif isinstance(item, dict):
            for key, inner in reversed(list(item.items())):
                inner_path = f"{path}.{key}" if path else str(key)
                if CONTROL.search(str(key)):
                    return inner_path
                stack.append((inner, inner_path))
        elif isinstance(item, list):
            stack.extend((inner, f"{path}[{index}]") for index, inner in reversed(list(enumerate(item))))
    return None


def refused_input(request) -> str | None:
    """The name of the first input (path, query, form field, JSON string) holding a control character, or None.
    Uploaded file names are already cleaned by Django's multipart parser. May raise RequestDataTooBig (the 400
    handler answers it as 413)."""
    if CONTROL.search(request.path):
        return "$path"
    for key, values in request.GET.lists():
        if CONTROL.search(key) or any(CONTROL.search(v) for v in values):
            return key
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    content_type = request.content_type or ""
    json_route = request.path.startswith(tuple(getattr(settings, "ERROR_JSON_PATHS", ())))
    # A JSON route may read the raw body itself, which multipart parsing here would consume.
    if content_type in FORM_TYPES and not (json_route and content_type == "multipart/form-data"):
        for key, values in request.POST.lists():
            if CONTROL.search(key) or any(CONTROL.search(v) for v in values):
                return key
    # JSON routes read their body whatever type it declares (a signed callback sent as text/plain too).
    elif content_type == "application/json" or (json_route and content_type not in FORM_TYPES):
        try:
            body = safejson.loads(request.body or b"null", max_bytes=None)
        except safejson.JsonProblem:
            return None  # the view answers a body that is not JSON within the limits, with its own code
        found = _json_path(body)
        if found is not None:
            return found or "$body"
    return None


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = refused_input(request)
        if name is None:
            return self.get_response(request)
        code, title, message = msg.CONTROL_CHARACTERS
        return errors.error_response(request, 400, code=code, title=title,
                                     message=message.format(label=input_label(name)))
