"""Reading what is really stored: every cell of every table by raw SQL, and the material files' bytes on disk,
so the tests see what a stolen database or bucket would show (not what the ORM decrypts)."""

import copy
import os

from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.db import connection

from tests.rules.support import individual

# The identity-registry simulator plays the 公安 database (an external system; a provider's tables stay empty).
NOT_OURS = {"registries_identityrecord"}
ID_NUMBER, MOBILE, EMERGENCY = "370102199302157859", "13912345678", "13787654321"


def raw_cells():
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in NOT_OURS:
                continue
            cursor.execute(f"SELECT * FROM {quote(table)}")
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    yield table, column, value


def plaintext_hits(*needles) -> list[tuple[str, str, str]]:
    hits = []
    for table, column, value in raw_cells():
        text = bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
        hits += [(table, column, needle) for needle in needles if needle in text]
    return hits


def stored_bytes(name: str) -> bytes:
    """A material file as it lies on disk (under the storage's own location), not through the storage."""
    storage = storages["materials"]
    backend = getattr(storage, "inner", storage)
    with open(os.path.join(backend.location, name), "rb") as fh:
        return fh.read()


def person_application(domain="pii-demo.com", cert=ID_NUMBER, mobile=MOBILE) -> dict:
    app = copy.deepcopy(individual())
    app.pop("context")
    app["subject"]["cert_number"] = cert
    app["subject"]["principal"].update({"cert_number": cert, "mobile": mobile, "emergency_mobile": EMERGENCY})
    app["websites"][0]["domains"] = [domain]
    return app


def account(email="pii@example.com"):
    return get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
