from functools import wraps

from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beian.ministry import signing
from beian.ministry.simulator import claims, push, services, shapes
from beian.ministry.simulator import messages as msg
from beian.ministry.simulator.models import (
    Nonce,
    Provider,
    Result,
    SentSms,
    SubjectRecord,
    Submission,
    WebsiteRecord,
)
from beian.rules import safejson
from beian.web import limits


def healthz(request):
    return HttpResponse("ok")


def index(request):
    return render(request, "simulator/index.html")


def _error(status: int, code: str, message: str):
    return JsonResponse({"code": code, "message": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _json_problem(exc: safejson.JsonProblem, invalid: str):
    """A body over rules/safejson.py's limits; one that is not JSON keeps the code invalid_request."""
    if exc.code == "json_invalid":
        return _error(400, "invalid_request", invalid)
    return _error(413 if exc.code == "json_too_large" else 400, exc.code, exc.message)


def signed(view):
    """Checks the provider's HMAC signature, timestamp and single-use nonce before the view runs."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        provider = Provider.objects.filter(provider_id=request.headers.get("X-Provider", "")).first()
        if provider is None:
            return _error(401, "unknown_provider", msg.API_UNKNOWN_PROVIDER)
        problem = signing.verify_request(request, secret=provider.secret)
        if problem:
            text = {"bad_signature": msg.API_BAD_SIGNATURE, "bad_nonce": msg.API_BAD_NONCE}
            return _error(401, problem, text.get(problem, msg.API_STALE))
        try:
            # verify_request checked the nonce is there and at most 64 characters: stored whole, never cut.
            Nonce.objects.create(provider=provider, nonce=request.headers.get("X-Nonce", ""))
        except IntegrityError:
            return _error(401, "replayed_nonce", msg.API_REPLAYED)
        request.provider = provider
        return view(request, *args, **kwargs)

    return wrapper


_status = push.submission_payload


@csrf_exempt
@require_POST
@signed
def api_submit(request):
    try:
        body = safejson.loads(request.body)
        request_id, kind, application = body["request_id"], body["kind"], body["application"]
        if not isinstance(application, dict) or not isinstance(request_id, str) or not request_id:
            raise ValueError
    except safejson.JsonProblem as exc:
        return _json_problem(exc, "请求体不是有效的备案提交")
    except (ValueError, KeyError, TypeError):
        return _error(400, "invalid_request", "请求体不是有效的备案提交")
    if kind not in {"first", "new_site_elsewhere", "new_site_here", "access", "change_subject", "change_website",
                    "change_access", "cancel_access", "deregister_subject", "deregister_website", "claim"}:
        return _error(400, "invalid_kind", "未知的备案类型")
    if kind == "claim":  # confirmed at once against the record (ministry/simulator/claims.py)
        submission, created = claims.submit(provider=request.provider, request_id=request_id[:64],
                                            order_ref=str(body.get("order_ref", ""))[:40], application=application,
                                            filing_number=str(body.get("filing_number") or "")[:40], now=timezone.now())
        return JsonResponse({**_status(submission), "created": created}, status=201 if created else 200,
                            json_dumps_params={"ensure_ascii": False})
    changes = _changes(body.get("changes"))
    if changes is None:
        return _error(400, "invalid_changes", "changes 应为变更项列表（path、label、before、after 均为字符串）")
    try:
        shapes.check_apps(application)
    except shapes.ShapeError as exc:
        return _error(400, "invalid_apps", exc.message)
    app_number = shapes.app_number(body.get("app_number"))
    if app_number is None:
        return _error(400, "invalid_app_number", msg.APP_NUMBER_INVALID)
    submission, created = services.submit(provider=request.provider, request_id=request_id[:64],
                                          order_ref=str(body.get("order_ref", ""))[:40], kind=kind,
                                          application=application, filing_number=str(body.get("filing_number") or ""),
                                          domain=str(body.get("domain") or "").lower(), app_number=app_number,
                                          changes=changes, now=timezone.now())
    return JsonResponse({**_status(submission), "created": created}, status=201 if created else 200,
                        json_dumps_params={"ensure_ascii": False})


CHANGE_KEYS = ("path", "group", "label", "before", "after")


def _changes(value) -> list[dict] | None:
    """A change filing's changes as stored for the bureau: a list of entries of strings (None: malformed)."""
    if value in (None, ""):
        return []
    if not isinstance(value, list) or len(value) > 500:
        return None
    out = []
    for entry in value:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k, ""), str) for k in CHANGE_KEYS):
            return None
        out.append({k: entry.get(k, "")[:500] for k in CHANGE_KEYS})
    return out


@csrf_exempt
@require_POST
@signed
def api_claim_lookup(request):
    """认领: the record a claimant names (subject number or domain, with the certificate number), if this
    provider gives it access (ministry/simulator/claims.py). POST: the certificate number stays out of URLs."""
    try:
        body = safejson.loads(request.body)
        if not isinstance(body, dict):
            raise ValueError
        fields = {k: str(body.get(k) or "")[:255] for k in ("subject_number", "domain", "cert_number")}
    except safejson.JsonProblem as exc:
        return _json_problem(exc, "请求体不是有效的认领查询")
    except ValueError:
        return _error(400, "invalid_request", "请求体不是有效的认领查询")
    return JsonResponse(claims.lookup(provider=request.provider, **fields), json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_GET
@signed
def api_status(request, request_id):
    submission = Submission.objects.filter(request_id=request_id, provider=request.provider).first()
    if submission is None:
        return _error(404, "not_found", "没有该备案提交")
    return JsonResponse(_status(submission), json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_GET
@signed
def api_results(request):
    try:
        cursor = int(request.GET.get("cursor", "0"))
    except ValueError:
        return _error(400, "invalid_cursor", "cursor 应为整数")
    rows = Result.objects.select_related("submission").filter(submission__provider=request.provider, id__gt=cursor)[:100]
    results = [push.result_payload(r) for r in rows]
    return JsonResponse({"results": results, "next_cursor": results[-1]["cursor"] if results else cursor},
                        json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_POST
@signed
def api_callback(request):
    """Register (or clear, with an empty url) where results are pushed to this provider."""
    try:
        url = safejson.loads(request.body).get("url", "")
        if not isinstance(url, str):
            raise ValueError
    except safejson.JsonProblem as exc:
        return _json_problem(exc, "请求体应为 {\"url\": \"https://…\"}")
    except (ValueError, AttributeError):
        return _error(400, "invalid_request", "请求体应为 {\"url\": \"https://…\"}")
    url = url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            return _error(400, "invalid_callback_url", "回调地址应为 http(s) 网址")
        if len(url) > 300:
            return _error(400, "invalid_callback_url", "回调地址过长（最多300个字符）")
    Provider.objects.filter(pk=request.provider.pk).update(callback_url=url)
    if url:
        push.deliver_soon(request.provider.pk)  # the backlog of undelivered results
    return JsonResponse({"callback_url": url}, json_dumps_params={"ensure_ascii": False})


def _sms_limited(request, mobile: str):
    """The page answered 429 when the address posts too fast, or the mobile had too many unidentified entries."""
    try:
        limits.hit(("sim_sms_ip", limits.ip_key(request)))
        limits.check(("sim_sms_mobile", mobile))
    except limits.Limited as exc:
        text = msg.SMS_MOBILE_LIMITED if exc.rule == "sim_sms_mobile" else msg.SMS_RATE_LIMITED
        response = render(request, "simulator/sms.html", {"result": (False, text.format(wait=exc.wait)),
                                                          "post": request.POST}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    return None


@require_http_methods(["GET", "POST"])
def sms_page(request):
    result = None
    if request.method == "POST":
        code, mobile, last6 = (request.POST.get(k, "").strip()[:20] for k in ("code", "mobile", "cert_last6"))
        if limited := _sms_limited(request, mobile):
            return limited
        if request.POST.get("action") == "resend":
            result = services.resend(mobile=mobile, cert_last6=last6, now=timezone.now()) if mobile and last6 else \
                (False, msg.SMS_FIELDS_REQUIRED, True)
        elif not (code and mobile and last6):
            result = (False, msg.SMS_FIELDS_REQUIRED, True)
        else:
            result = services.verify(code=code, mobile=mobile, cert_last6=last6, now=timezone.now())
        if not result[2]:
            # A guess at someone's last 6 (or at a mobile with nothing waiting) counts against that mobile, not
            # against a filing: enough of them close the page for the mobile for a while (docs/decisions.md).
            limits.record(("sim_sms_mobile", mobile))
    return render(request, "simulator/sms.html", {"result": result, "post": request.POST})


def sms_outbox(request):
    mobile = request.GET.get("mobile", "").strip()[:20]
    rows = SentSms.objects.filter(mobile=mobile) if mobile else SentSms.objects.all()
    if request.GET.get("format") == "json":
        return JsonResponse({"sms": [{"mobile": s.mobile, "body": s.body, "at": s.created_at.isoformat()} for s in rows[:50]]},
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "simulator/outbox.html", {"rows": rows[:100], "mobile": mobile})


def _query_filter(q: str) -> Q:
    """What the public query matches: a website by a domain; an APP by its name or a package name (any platform);
    either by the subject's name; the subject's number (all its records) or one record's number (that one)."""
    found = (Q(domain=q.lower()) | Q(domains__icontains=f'"{q.lower()}"') | Q(subject__name__contains=q)
             | Q(service_type=WebsiteRecord.APP, name__icontains=q)
             | Q(service_type=WebsiteRecord.APP, platforms__icontains=f'"{q}"'))
    if number := services.SITE_NUMBER.match(q):
        service_type = WebsiteRecord.APP if number["app"] else WebsiteRecord.WEBSITE
        return found | Q(subject__number=number["subject"], service_type=service_type, seq=int(number["seq"]))
    return found | Q(subject__number=q)


def query(request):
    q = request.GET.get("q", "").strip()[:100]
    sites = []
    if q:
        sites = (WebsiteRecord.objects.select_related("subject").filter(_query_filter(q))
                 .exclude(status=WebsiteRecord.DEREGISTERED).order_by("subject_id", "-service_type", "seq")[:50])
    names = dict(Provider.objects.values_list("provider_id", "name"))
    # `providers`: who gives the site access (接入商), as the registry records it; a shell site has none.
    # An APP is a row like a website (service_type "app", its number `-NA`, no domain) with its platforms.
    rows = [{"service_type": s.service_type, "domain": s.domain, "domains": s.all_domains, "website_name": s.name,
             "website_number": s.number, "platforms": [{**p, "label": msg.PLATFORM_LABELS.get(p.get("platform"), "")}
                                                       for p in s.platforms or ()] if s.is_app else [],
             "subject_number": s.subject.number, "subject_name": s.subject.name, "nature": s.subject.nature,
             "status": s.status, "providers": list(s.providers), "provider_names": [names.get(p, p) for p in s.providers],
             "approved_at": timezone.localdate(s.approved_at).isoformat()} for s in sites]  # 北京时间的日期
    if request.path.endswith("/api"):
        return JsonResponse({"q": q, "results": rows}, json_dumps_params={"ensure_ascii": False})
    return render(request, "simulator/query.html", {"q": q, "rows": rows, "empty": msg.QUERY_EMPTY})


def provider_check(request):
    domains = [d for d in request.GET.get("domains", "").lower().split(",") if d][:50]
    # `mobiles`: domain:mobile pairs, the applicant's website principal per domain (for 接入备案, seed 003 §9).
    pairs = (p.partition(":") for p in request.GET.get("mobiles", "").lower().split(",")[:50])
    mobiles = {d.strip(): m.strip()[:20] for d, _, m in pairs if d.strip() and m.strip()}
    return JsonResponse(services.provider_check(cert_number=request.GET.get("cert_number", "")[:64], domains=domains,
                                                exclude_provider=request.GET.get("exclude_provider", "")[:64],
                                                mobiles=mobiles))


@require_http_methods(["GET", "POST"])
def bureau_login(request):
    error = None
    if request.method == "POST":
        key = ("sim_login_ip", limits.ip_key(request))
        try:
            limits.check(key)
        except limits.Limited as exc:
            response = render(request, "simulator/login.html",
                              {"error": msg.BUREAU_LOGIN_LIMITED.format(wait=exc.wait)}, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        user = authenticate(request, username=request.POST.get("username", ""), password=request.POST.get("password", ""))
        if user is not None:
            login(request, user)
            return redirect("/bureau/")
        limits.record(key)
        error = msg.BUREAU_LOGIN_FAILED
    return render(request, "simulator/login.html", {"error": error})


@login_required(login_url="/bureau/login/")
def bureau(request):
    pending = list(Submission.objects.filter(status=Submission.BUREAU).order_by("bureau_since"))
    for submission in pending:
        submission.services = _services_reviewed(submission)
    recent = Submission.objects.exclude(status__in=[Submission.BUREAU]).order_by("-created_at")[:30]
    return render(request, "simulator/bureau.html", {"pending": pending, "recent": recent,
                                                     "reasons": msg.REJECTION_REASONS})


def _services_reviewed(submission: Submission) -> list[dict]:
    """The websites and APPs of a submission as the bureau reviews them: name, domains and, for an APP, each
    platform with its package name and signing fingerprint."""
    app = submission.application or {}
    rows = [{"type": "website", "label": msg.SERVICE_TYPE_LABELS["website"], "name": w.get("name") or "",
             "domains": [d for d in w.get("domains") or () if isinstance(d, str)], "platforms": []}
            for w in app.get("websites") or () if isinstance(w, dict)]
    for entry in app.get("apps") or ():
        if isinstance(entry, dict):
            rows.append({"type": "app", "label": msg.SERVICE_TYPE_LABELS["app"], "name": entry.get("name") or "",
                         "domains": [d for d in entry.get("domains") or () if isinstance(d, str)],
                         "platforms": [{"label": msg.PLATFORM_LABELS.get(p.get("platform"), str(p.get("platform"))),
                                        "package_name": p.get("package_name") or "", "signature": p.get("signature") or ""}
                                       for p in entry.get("platforms") or () if isinstance(p, dict)]})
    return rows


@login_required(login_url="/bureau/login/")
@require_POST
def bureau_decide(request, pk):
    submission = get_object_or_404(Submission, pk=pk)
    approve = request.POST.get("decision") == "approve"
    reason = request.POST.get("reason", "").strip()[:200]
    services.decide(submission=submission, approve=approve, reason=reason, now=timezone.now())
    return redirect("/bureau/")


__all__ = ["SubjectRecord"]
