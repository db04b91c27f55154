"""A NUL in any text input of any form is refused with the request layer's Chinese page and stored nowhere
(issue 12, finding 3: PostgreSQL answered a 500, DataError; SQLite stored it). Every demo role (and the
anonymous visitor and a phone link) submits every form it can reach with a NUL in each text input; the run
on PostgreSQL is the one that matters for the 500, the run on SQLite for "stored nowhere"."""

import io
import json
from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, models

from tests.answers import REFUSED_CONTROL
from tests.crawler.crawler import Crawler
from tests.crawler.test_crawl import SEEDS, SKIP_PATHS, _demo_passwords, _phone_tokens, role_client

CSRF = "csrfmiddlewaretoken"
# Every form with an input that the demo data lets a person reach (the face check's manual review needs
# three failed attempts with a camera; tests/verification/test_phone.py covers it).
EXPECTED = {"accounts:login", "accounts:register", "accounts:password_reset", "accounts:password_reset_confirm",
            "wizard:new", "wizard:basic", "wizard:subject", "wizard:websites", "wizard:product", "wizard:materials",
            "wizard:confirm", "review:field", "review:supplement", "review:call", "review:claim", "web:precheck",
            "verification:upload", "notifications:settings"}


class NulProbe(Crawler):
    """Follows links as the crawler does, and submits each form once, with NUL in every text input, kept (not
    rolled back): a refused submission changes nothing, an accepted one must show in the database."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, per_name=6, forms_per_key=1, budget=1500, **kwargs)
        self.answers: list[tuple[str, str, int, bool]] = []  # (url name, method, status, refused by the layer)

    def exercise(self, page, signature, name):
        method, action, _ = signature
        form = self.fresh_form(page, signature)
        if form is None or not any(f["name"] and f["name"] != CSRF for f in form.fields):
            return
        if not self._take(f"{method}:{name}:{signature[2]}"):
            return
        data, files = self.values(form, "nul")  # NUL in every text input
        data = [(k, v if k == CSRF or "\x00" in v else v + "\x00") for k, v in data]  # and every other value
        if form.buttons:
            data.append(form.buttons[0])
        if form.method == "get":
            split = urlsplit(action)
            response = self.request("get", split.path + "?" + urlencode(parse_qsl(split.query) + data), "nul")
        elif form.enctype == "multipart/form-data" or files:
            payload: dict = {}
            for key, value in data:
                payload.setdefault(key, []).append(value)
            response = self.request("post", action, "nul", data={**payload, **files},
                                    HTTP_REFERER="http://testserver" + page)
        else:
            response = self.request("post", action, "nul", data=urlencode(data),
                                    content_type="application/x-www-form-urlencoded",
                                    HTTP_REFERER="http://testserver" + page)
        if response is not None:
            refused = response.status_code == 400 and REFUSED_CONTROL in response.content.decode()
            self.answers.append((name or action, method, response.status_code, refused))

    def advance(self, *args):  # nothing is submitted for real: every role meets the demo data as seeded
        return


def _rows_with_nul() -> list[str]:
    """Every text and JSON value of every model that holds a NUL (SQLite: PostgreSQL cannot store one). Read
    in Python: SQLite's LIKE stops at a NUL in its pattern."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, models.JSONField | models.CharField | models.TextField)]
        for row in model._base_manager.values_list("pk", *(f.attname for f in fields)):
            for field, value in zip(fields, row[1:], strict=True):
                if "\x00" in (value if isinstance(value, str) else json.dumps(value)):
                    found.append(f"{model._meta.label}.{field.name} #{row[0]}")
    return found


def _reset_link() -> str:
    """The link of a password-reset mail, as the anonymous visitor would open it (the probe sends no mail)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = get_user_model().objects.get(username="demo@beian.local")
    return f"/accounts/reset/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"


@pytest.mark.django_db
def test_a_nul_in_every_form_is_refused_and_stored_nowhere():
    call_command("beian_demo", stdout=io.StringIO())
    passwords = _demo_passwords()
    users = list(get_user_model().objects.order_by("-is_staff", "pk"))
    roles = [("anonymous", None, [*SEEDS, _reset_link()]), ("phone", None, [f"/m/{t}/" for t in _phone_tokens()])]
    roles += [(user.username, user, SEEDS) for user in users]

    reached: Counter = Counter()
    public_forms: set = set()
    answers, problems = [], []
    for number, (role, user, seeds) in enumerate(roles):
        client = role_client(number, user, passwords, net="10.0.1")
        probe = NulProbe(client, role, reached=reached, skip_paths=SKIP_PATHS, public_forms=public_forms,
                         anonymous=user is None)
        probe.run(seeds)
        answers += [(role, *a) for a in probe.answers]
        problems += probe.problems

    assert not [p for p in problems if p.status is None or p.status >= 500], problems[:10]
    not_refused = [a for a in answers if not a[4]]
    assert not not_refused, f"NUL not refused by the request layer: {not_refused[:20]}"
    assert EXPECTED <= {a[1] for a in answers}, f"forms not reached: {EXPECTED - {a[1] for a in answers}}"
    print(f"{len(answers)} forms refused a NUL: {sorted(Counter(a[1] for a in answers).items())}")
    if connection.vendor == "sqlite":
        assert _rows_with_nul() == []
