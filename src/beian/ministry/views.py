"""The platform's callback receiver: the ministry pushes results here (signed, at least once).

Every result is applied at most once, by its result_id, whichever way it arrives first (this push or
the result pull on the scheduler). Bad input gets a JSON answer with a stable code and a Chinese
message; nothing already applied is touched. The body is read within rules/safejson.py's limits (depth,
number size): json_too_deep, json_number_too_large; a body that is not JSON keeps its code invalid_request.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from beian.ministry import messages as msg
from beian.ministry import signing
from beian.ministry.adapter_http import app_numbers
from beian.ministry.port import STATUSES, Status
from beian.ministry.services import deliver_result
from beian.rules import safejson

log = logging.getLogger(__name__)
MAX_RESULTS = 500  # per request


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _authenticate(request) -> JsonResponse | None:
    if request.headers.get("X-Provider", "") != settings.MINISTRY_PROVIDER_ID:
        return _error(401, "unknown_provider", msg.CALLBACK_UNKNOWN_PROVIDER)
    problem = signing.verify_request(request, secret=settings.MINISTRY_SHARED_SECRET)
    if problem:
        text = {"bad_signature": msg.CALLBACK_BAD_SIGNATURE, "bad_nonce": msg.CALLBACK_BAD_NONCE}
        return _error(401, problem, text.get(problem, msg.CALLBACK_STALE))
    nonce = request.headers.get("X-Nonce", "")  # well-formed: verify_request checked it
    # Single use within the accepted clock skew; an older replay already fails the timestamp check.
    if not cache.add(f"ministry-callback-nonce:{nonce}", 1, signing.MAX_SKEW * 2):
        return _error(401, "replayed_nonce", msg.CALLBACK_REPLAYED)
    return None


def _parse(item) -> tuple[Status | None, str]:
    if not isinstance(item, dict):
        return None, "invalid_result"
    result_id, request_id, status = item.get("result_id"), item.get("request_id"), item.get("status")
    if not isinstance(result_id, str) or not result_id or len(result_id) > 64:
        return None, "invalid_result_id"
    if not isinstance(request_id, str) or not request_id or len(request_id) > 64:
        return None, "invalid_request_id"
    if status not in STATUSES:
        return None, "invalid_status"
    numbers = item.get("website_numbers") or {}
    if not isinstance(numbers, dict) or not all(isinstance(v, str) for v in numbers.values()):
        return None, "invalid_website_numbers"
    apps = app_numbers(item.get("app_numbers"))
    if apps is None:
        return None, "invalid_app_numbers"
    text = {k: item.get(k) or "" for k in ("reason", "icp_number")}
    if not all(isinstance(v, str) for v in text.values()):
        return None, "invalid_result"
    return Status(request_id=request_id, status=status, reason=text["reason"][:2000], icp_number=text["icp_number"][:40],
                  website_numbers=numbers, app_numbers=apps, result_id=result_id), ""


@csrf_exempt  # machine-to-machine: authenticated by the HMAC signature, not a session
def results_callback(request):
    if request.method != "POST":
        return _error(405, "method_not_allowed", msg.CALLBACK_POST_ONLY)
    try:
        request.body  # noqa: B018 (read once, within the upload limit)
    except RequestDataTooBig:
        return _error(413, "too_large", msg.CALLBACK_TOO_LARGE)
    denied = _authenticate(request)
    if denied:
        return denied
    try:
        # Django's upload limit already bounds the size (too_large above).
        items = safejson.loads(request.body, max_bytes=None)["results"]
        if not isinstance(items, list):
            raise TypeError
    except safejson.JsonProblem as exc:
        if exc.code == "json_invalid":
            return _error(400, "invalid_request", msg.CALLBACK_INVALID)
        return _error(400, exc.code, exc.message)
    except (KeyError, TypeError):
        return _error(400, "invalid_request", msg.CALLBACK_INVALID)
    if len(items) > MAX_RESULTS:
        return _error(413, "too_many_results", msg.CALLBACK_TOO_MANY.format(limit=MAX_RESULTS))
    outcome = {"applied": 0, "duplicate": 0, "ignored": 0}
    invalid = []
    for index, item in enumerate(items):
        status, code = _parse(item)
        if status is None:
            invalid.append({"index": index, "code": code, "message": msg.CALLBACK_INVALID_RESULT})
            continue
        try:
            outcome[deliver_result(status=status, channel="push")] += 1
        except Exception:  # noqa: BLE001 (rolled back: the ministry retries, and the pull would apply it too)
            log.exception("applying pushed result %s failed", status.result_id)
            return _error(503, "temporarily_unavailable", msg.CALLBACK_RETRY)
    return JsonResponse({**outcome, "invalid": invalid}, json_dumps_params={"ensure_ascii": False})
