"""A same-origin crawler on Django's test client: follows every link, submits every form with its defaults,
with plausible values, with hostile values and with its hidden fields tampered with, and records every
response that is a crash (5xx or an exception), Django's English default page, or an unescaped echo of
hostile markup.

Fast (no browser): pages are parsed with the stdlib's html.parser. Bounded: URLs are deduplicated by their
resolved URL name (at most `per_name` pages per name) and forms by their action's URL name and fields.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import Resolver404, resolve

TRACE = bool(os.environ.get("CRAWLER_TRACE"))  # print every request
# A valid 1×1 PNG and a file that only claims to be one.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101007e5bd4e00000000049454e44ae426082")
NOT_AN_IMAGE = b"%PDF-1.4 this is not an image at all\n"

SCRIPT = "<script>beianCrawler()</script>"
HOSTILE = {
    "empty": "",
    "long": "长" * 5000 + "x" * 5000,  # 10,000 characters, 20,000 bytes
    "nul": "abc\x00def",
    "emoji": "😀🚀👨‍👩‍👧 测试",
    "fullwidth": "ｅｘａｍｐｌｅ．ｃｏｍ　１３８００００００００",
    "script": SCRIPT + "\"'&<b>",
}
BOGUS_CHOICE = "bogus-选项"
TAMPERED = "x'<>"  # every hidden field but the CSRF token (ids, versions) in the "tampered" variant

# Django's English default pages (and its debug pages): none may ever reach a person.
ENGLISH_DEFAULTS = ("Server Error", "Not Found</h1>", "Forbidden", "CSRF verification failed", "Bad Request (400)",
                    "Method Not Allowed", "Traceback (most recent call last)", "You’re seeing this error",
                    "You're seeing this error", "Page not found at", "<h1>Request aborted</h1>")
TEXT_TYPES = {"text", "email", "tel", "number", "date", "datetime-local", "month", "time", "url", "search",
              "password", "week", "color", "range"}
PLAUSIBLE = {"email": "crawler@beian.local", "tel": "13800000000", "number": "1", "date": "2030-01-01",
             "url": "https://example.com/", "password": "demo12345", "datetime-local": "2030-01-01T10:00",
             "month": "2030-01", "time": "10:00", "week": "2030-W01"}


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    confirm: str = ""  # data-confirm: the question asked before submitting (beian/ui.js)
    fields: list[dict] = field(default_factory=list)  # {"tag", "type", "name", "value", "checked", "options"}
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons: (name, value)


class PageParser(HTMLParser):
    """Links (a, img, iframe, hx-get), script endpoints (data-url) and forms with their fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.script_posts: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: dict | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._json_script: list[str] | None = None

    @classmethod
    def parse(cls, html: str) -> PageParser:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        for attr in ("href", "src"):
            if attr in a and tag in {"a", "area", "img", "iframe"}:
                self.links.append(a[attr])
        if "hx-get" in a:
            self.links.append(a["hx-get"])
        if "data-url" in a:
            self.script_posts.append(a["data-url"])
        if tag == "script" and a.get("type") == "application/json":
            self._json_script = []
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower() or "get",
                              enctype=a.get("enctype", "application/x-www-form-urlencoded"),
                              confirm=a.get("data-confirm", ""))
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "image"}:
                if name:
                    self._form.buttons.append((name, a.get("value", "")))
            elif kind not in {"button", "reset"} and name:
                self._form.fields.append({"tag": "input", "type": kind, "name": name, "value": a.get("value", ""),
                                          "checked": "checked" in a})
        elif tag == "button" and a.get("type", "submit").lower() == "submit" and name:
            self._form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = {"tag": "textarea", "type": "textarea", "name": name, "value": ""}
            self._form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = {"tag": "select", "type": "select", "name": name, "options": [],
                            "multiple": "multiple" in a}
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self._select["options"].append(self._option)

    def handle_data(self, data):
        if self._json_script is not None:
            self._json_script.append(data)
        if self._textarea is not None:
            self._textarea["value"] += data
        if self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._json_script is not None:
            try:
                self.links += [v for v in _strings(json.loads("".join(self._json_script))) if v.startswith("/")]
            except ValueError:
                pass
            self._json_script = None
        elif tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def _strings(value):
    """Every string inside a JSON value (a page's settings blob may carry URLs its script loads)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _replace_strings(value, new: str):
    if isinstance(value, str):
        return new
    if isinstance(value, dict):
        return {k: _replace_strings(v, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_strings(v, new) for v in value]
    return value


@dataclass
class Problem:
    role: str
    method: str
    url: str
    variant: str
    status: int | None
    what: str
    detail: str = ""

    def __str__(self):
        head = f"[{self.role}] {self.method} {self.url} ({self.variant}) -> {self.status}: {self.what}"
        return head + (f"\n    {self.detail}" if self.detail else "")


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


def all_url_names(resolver=None, namespace: str = "", prefix: str = "") -> set[str]:
    """Every pattern of the URLconf, named as url_name() names a request to it."""
    from django.urls import URLPattern, URLResolver, get_resolver

    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            names |= all_url_names(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            names.add(f"{namespace}:{entry.name}".strip(":") if entry.name else route)
    return names


class Crawler:
    """One role's crawl. `client` must enforce CSRF; `reached` (shared across roles) counts URL names."""

    def __init__(self, client, role: str, *, reached: Counter, per_name: int = 6, forms_per_key: int = 2,
                 skip_paths: tuple[str, ...] = (), budget: int = 1500, public_forms: set | None = None,
                 anonymous: bool = False):
        self.client, self.role, self.reached = client, role, reached
        # Forms an anonymous role exercised (login, register, precheck) are not exercised again by every role.
        self.public_forms = public_forms if public_forms is not None else set()
        self.anonymous = anonymous
        self.state = 0  # bumped by every submission that is kept: pages parsed before it are stale
        self.page_cache: dict[str, tuple[int, PageParser]] = {}
        self.per_name, self.forms_per_key, self.budget = per_name, forms_per_key, budget
        self.skip_paths = skip_paths
        self.problems: list[Problem] = []
        self.seen_urls: set[str] = set()
        self.pages_per_name: Counter = Counter()
        self.forms_done: Counter = Counter()
        self.form_actions_seen: set[tuple] = set()
        self.queue: deque[str] = deque()
        self.forms: list[tuple] = []  # a heap: (priority, order found, page, signature, url name)
        self.advances: list[tuple] = []  # a heap: (priority, order, page, signature, variant, button)
        self.final_forms: list[tuple] = []  # (form, action, page): logout
        self.requests = 0
        self._mails_seen = len(getattr(mail, "outbox", []))

    # ---- URLs ----------------------------------------------------------------------------------------------

    def same_origin(self, href: str, base: str, *, skip: bool = True) -> str | None:
        """The path?query of a same-origin link, or None."""
        href = (href or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:", "blob:")):
            return None
        site = urlsplit(settings.SITE_URL)
        absolute = urlsplit(urljoin("http://testserver" + base, href))
        if absolute.scheme not in {"http", "https"}:
            return None
        if absolute.netloc not in {"testserver", site.netloc}:
            return None
        path = absolute.path or "/"
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)) or (skip and path.startswith(self.skip_paths)):
            return None
        return path + (f"?{absolute.query}" if absolute.query else "")

    def enqueue(self, href: str, base: str = "/"):
        url = self.same_origin(href, base)
        if url is None or url in self.seen_urls:
            return
        self.seen_urls.add(url)
        self.queue.append(url)

    # ---- requests ------------------------------------------------------------------------------------------

    def request(self, method: str, url: str, variant: str, **kwargs):
        """One request in its own savepoint (a database error must not poison the rest of the crawl)."""
        self.requests += 1
        path = urlsplit(url).path
        name = url_name(path)
        if name:
            self.reached[name] += 1
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(url, **kwargs)
        except Exception as exc:  # noqa: BLE001 (every crash is a finding, the crawl goes on)
            frames = traceback.extract_tb(exc.__traceback__)
            own = [f for f in frames if "/beian/" in f.filename] or frames
            where = f"{own[-1].filename.split('/src/')[-1]}:{own[-1].lineno}" if own else "?"
            self.problems.append(Problem(self.role, method.upper(), url, variant, None,
                                         f"exception {type(exc).__name__}: {str(exc)[:200]}", where))
            return None
        if TRACE:
            print(f"[{self.role}] {method.upper()} {url[:100]} ({variant}) -> {response.status_code}")
        self.check(method.upper(), url, variant, response)
        self.collect_mail()
        return response

    def check(self, method: str, url: str, variant: str, response):
        status = response.status_code

        def problem(what, detail=""):
            self.problems.append(Problem(self.role, method, url, variant, status, what, detail))

        if status >= 500:
            problem("server error")
        if getattr(response, "streaming", False):
            return
        ctype = response.get("Content-Type", "")
        body = response.content.decode("utf-8", "replace")
        if status >= 400 and not body.strip():
            problem("empty error body (the browser shows its own English page)")
        if ctype.startswith("application/json") and status >= 400:
            try:
                data = json.loads(body)
            except ValueError:
                problem("error body is not JSON")
            else:
                if not isinstance(data, dict) or not {"code", "message"} <= set(data):
                    problem("JSON error without code/message", body[:200])
        if ctype.startswith("text/html"):
            for marker in ENGLISH_DEFAULTS:
                if marker in body:
                    problem(f"English default page ({marker!r})", body[:200].replace("\n", " "))
                    break
            if SCRIPT in body:
                at = body.index(SCRIPT)
                problem("hostile markup echoed unescaped", body[max(0, at - 120):at + 40].replace("\n", " "))

    def collect_mail(self):
        outbox = getattr(mail, "outbox", [])
        for message in outbox[self._mails_seen:]:
            for href in re.findall(r"https?://[^\s\"'<>]+|(?<![\w/])/[\w\-./?=&%]+", message.body):
                self.enqueue(href)
        self._mails_seen = len(outbox)

    # ---- pages ---------------------------------------------------------------------------------------------

    def visit(self, url: str):
        name = url_name(urlsplit(url).path) or urlsplit(url).path
        if self.pages_per_name[name] >= self.per_name:
            return
        self.pages_per_name[name] += 1
        self.handle(url, self.request("get", url, "link"))

    def handle(self, url: str, response, depth: int = 0, *, explore: bool = True) -> PageParser | None:
        """Follows a redirect, then queues the page's links and forms (unless the page shows a state that
        will be rolled back); the parsed page, if HTML."""
        if response is None:
            return None
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.same_origin(response["Location"], urlsplit(url).path)
            if target and depth < 3:
                if explore:
                    self.seen_urls.add(target)
                return self.handle(target, self.request("get", target, "redirect"), depth + 1, explore=explore)
            return None
        if not response.get("Content-Type", "").startswith("text/html") or getattr(response, "streaming", False):
            return None
        parser = PageParser.parse(response.content.decode("utf-8", "replace"))
        if not explore:
            return parser
        self.page_cache[url] = (self.state, parser)
        path = urlsplit(url).path
        for href in parser.links:
            self.enqueue(href, path)
        for endpoint in parser.script_posts:
            self.script_post(endpoint, path)
        for form in parser.forms:
            self.queue_form(form, url)
        return parser

    def script_post(self, endpoint: str, base: str):
        """A POST a page's script makes (data-url): sent empty, with the CSRF header as the script does."""
        url = self.same_origin(endpoint, base)
        if url is None or not self._take(f"script:{url_name(urlsplit(url).path)}"):
            return
        token = self.client.cookies.get(settings.CSRF_COOKIE_NAME)
        self.request("post", url, "script", HTTP_X_CSRFTOKEN=token.value if token else "")

    # ---- forms ---------------------------------------------------------------------------------------------

    def _take(self, key: str) -> bool:
        if self.forms_done[key] >= self.forms_per_key:
            return False
        self.forms_done[key] += 1
        return True

    @staticmethod
    def signature(form: Form, action: str) -> tuple:
        fields = tuple(sorted({f["name"] for f in form.fields if f["name"] != "csrfmiddlewaretoken"}))
        return form.method, action, fields

    @staticmethod
    def priority(form: Form, name: str) -> int:
        """Destructive forms (a confirm dialog before submitting, or cancel/revoke/delete in the route) last; forms
        without input fields (approve, claim, submit) move an order on, so after the forms with fields."""
        if form.confirm or any(w in name for w in ("cancel", "revoke", "delete")):
            return 2
        return 0 if any(f["type"] != "hidden" for f in form.fields) else 1

    def queue_form(self, form: Form, page: str):
        """Forms are exercised once every page reachable without one has been seen; a form that ends the
        session (logout) is submitted once, at the very end."""
        action = self.same_origin(form.action or page, urlsplit(page).path, skip=False)
        if action is None:
            return
        signature = self.signature(form, action)
        if signature in self.form_actions_seen:
            return
        self.form_actions_seen.add(signature)
        if urlsplit(action).path.startswith(self.skip_paths):
            self.final_forms.append((form, action, page))
            return
        name = url_name(urlsplit(action).path) or ""
        heapq.heappush(self.forms, (self.priority(form, name), len(self.form_actions_seen), page, signature, name))

    def fresh_form(self, page: str, signature: tuple) -> Form | None:
        """The form as the page shows it now (its version and token), or None if it is gone."""
        state, parser = self.page_cache.get(page, (None, None))
        if state != self.state:
            parser = self.handle(page, self.request("get", page, "form page"))
        for form in parser.forms if parser else []:
            action = self.same_origin(form.action or page, urlsplit(page).path)
            if action and self.signature(form, action) == signature:
                return form
        return None

    def exercise(self, page: str, signature: tuple, name: str):
        """Every variant, each rolled back afterwards so that all forms of a page meet the same state: hostile
        values, the defaults with each button, plausible values. A variant that was accepted (redirected) is
        queued to be submitted for real later, to reach the next state."""
        method, action, fields = signature
        form = self.fresh_form(page, signature)
        key = f"{method}:{name}:{fields}:{sorted(form.buttons) if form else ''}"
        if form is None or (not self.anonymous and key in self.public_forms) or not self._take(key):
            return
        if self.anonymous:
            self.public_forms.add(key)
        buttons = form.buttons[:4] or [None]
        editable = any(f["type"] != "hidden" for f in form.fields)
        runs = [(variant, buttons[0]) for variant in HOSTILE if editable] + [("defaults", b) for b in buttons]
        if any(f["type"] == "hidden" and f["name"] != "csrfmiddlewaretoken" for f in form.fields):
            runs.append(("tampered", buttons[0]))
        if any((not f.get("value") and f["type"] in TEXT_TYPES | {"textarea"})
               or (f["type"] in {"checkbox", "radio"} and not f["checked"]) for f in form.fields):
            runs.append(("plausible", buttons[0]))
        for variant, button in runs:
            with transaction.atomic():
                accepted = self.submit(form, action, page, variant, button, explore=False)
                transaction.set_rollback(True)
            if accepted and variant in {"defaults", "plausible"} and method == "post":
                heapq.heappush(self.advances, (self.priority(form, name), len(self.forms_done), page, signature,
                                               variant, button))

    def advance(self, page: str, signature: tuple, variant: str, button):
        form = self.fresh_form(page, signature)
        if form is not None:
            self.state += 1
            self.submit(form, signature[1], page, variant, button, explore=True)

    def values(self, form: Form, variant: str) -> tuple[list[tuple[str, str]], dict]:
        data: list[tuple[str, str]] = []
        files: dict = {}
        for f in form.fields:
            kind, name = f["type"], f["name"]
            if kind == "hidden":
                data.append((name, TAMPERED if variant == "tampered" and name != "csrfmiddlewaretoken" else f["value"]))
            elif kind in {"checkbox", "radio"}:
                if variant in HOSTILE and variant != "empty":
                    if kind == "checkbox" or not any(x[0] == name for x in data):
                        data.append((name, BOGUS_CHOICE if kind == "radio" else f["value"] or "on"))
                elif f["checked"] or (variant == "plausible" and (kind == "checkbox" or (
                        not any(g["name"] == name and g.get("checked") for g in form.fields)
                        and not any(x[0] == name for x in data)))):
                    data.append((name, f["value"] or "on"))  # plausible: every box ticked (an agreement)
            elif kind == "select":
                options = f["options"]
                if variant in HOSTILE and variant != "empty":
                    data.append((name, BOGUS_CHOICE))
                elif options:
                    chosen = [o for o in options if o["selected"]] or options[:1]
                    if variant == "plausible" and not chosen[0]["value"] and len(options) > 1:
                        chosen = options[1:2]
                    for o in chosen:
                        data.append((name, o["value"] if o["value"] is not None else o["text"]))
            elif kind == "file":
                if variant in {"defaults", "plausible"}:
                    files[name] = SimpleUploadedFile("照片.png", TINY_PNG, content_type="image/png")
                elif variant != "empty":
                    files[name] = SimpleUploadedFile("not-an-image.png", NOT_AN_IMAGE, content_type="image/png")
            elif kind in TEXT_TYPES or kind == "textarea":
                if variant in HOSTILE:
                    data.append((name, HOSTILE[variant]))
                elif variant == "plausible" and not f["value"]:
                    data.append((name, PLAUSIBLE.get(kind, "示例")))
                else:
                    data.append((name, f["value"]))
        return data, files

    def submit(self, form: Form, action: str, page: str, variant: str, button, *, explore: bool) -> bool:
        """One submission (and the redirects it leads to); True when it redirected, i.e. was accepted."""
        data, files = self.values(form, variant)
        if button:
            data.append(button)
        label = variant + (f" [{button[0]}={button[1]}]" if button else "") + ("" if explore else " (rolled back)")
        if form.method == "get":
            split = urlsplit(action)
            query = urlencode(parse_qsl(split.query) + data)
            url = split.path + (f"?{query}" if query else "")
            response = self.request("get", url, label)
        elif form.enctype == "multipart/form-data" or files:
            payload: dict = {}
            for k, v in data:
                payload.setdefault(k, []).append(v)
            payload.update(files)
            response = self.request("post", action, label, data=payload, HTTP_REFERER="http://testserver" + page)
        else:
            response = self.request("post", action, label, data=urlencode(data),
                                    content_type="application/x-www-form-urlencoded",
                                    HTTP_REFERER="http://testserver" + page)
        self.handle(action, response, explore=explore)
        return response is not None and response.status_code in (301, 302, 303)

    # ---- run -----------------------------------------------------------------------------------------------

    def run(self, seeds: list[str]):
        """Links first, then forms (exercised, rolled back), then accepted forms submitted for real."""
        for seed in seeds:
            self.enqueue(seed)
        while self.requests < self.budget:
            if self.queue:
                self.visit(self.queue.popleft())
            elif self.forms:
                self.exercise(*heapq.heappop(self.forms)[2:])
            elif self.advances:
                self.advance(*heapq.heappop(self.advances)[2:])
            else:
                break
        for form, action, page in self.final_forms[:1]:
            self.submit(form, action, page, "defaults", (form.buttons or [None])[0], explore=False)
        return self.problems

    def api(self, schema_url: str, examples: dict | None = None):
        """Every operation of an OpenAPI schema, with bodies that are empty, not JSON, of the wrong shape and
        (for the operations given an example) the example with hostile strings: never a 5xx, errors in
        the JSON envelope."""
        response = self.request("get", schema_url, "schema")
        if response is None or response.status_code != 200:
            return
        for route, operations in json.loads(response.content).get("paths", {}).items():
            url = re.sub(r"\{[^}]+\}", "1", route)
            for method in operations:
                if method == "get":
                    for variant, value in HOSTILE.items():
                        self.request("get", url + "?" + urlencode({"q": value}), f"api {variant}")
                    continue
                example = (examples or {}).get(route)
                bodies = {"no body": "", "not json": "{not json", "wrong shape": "[1, 2]", "empty object": "{}",
                          "deeply nested": "[" * 100_000 + "]" * 100_000, "huge number": "1e999999"}
                for variant, value in HOSTILE.items():
                    bodies[f"hostile {variant}"] = json.dumps(_replace_strings(example, value) if example
                                                              else {"value": value})
                for variant, body in bodies.items():
                    self.request(method, url, f"api {variant}", data=body, content_type="application/json")
