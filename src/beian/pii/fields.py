"""Model fields whose values are sealed in the database (beian.pii.crypto) and plain in Python.

The column holds `pii1.…` text; reads decrypt, writes seal with a fresh data key under the current master
key. Nothing can be looked up by a sealed value (every ciphertext differs): lookups other than `isnull` are
refused, so a query written against the old plaintext column fails loudly instead of matching nothing. Equality
lookups go through a blind-index column (beian.pii.index) next to the sealed one.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from beian.pii import crypto


class Sealed(str):
    """An already sealed value, written as it is (key rotation re-wraps the data key without decrypting)."""


class _Sealing:
    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, name):
        return None


class EncryptedTextField(_Sealing, models.TextField):
    """A personal string (a mobile): "" stays "" (nothing to hide), anything else is sealed."""

    def from_db_value(self, value, expression, connection):
        return value if value is None else crypto.open_text(value)

    def get_prep_value(self, value):
        if value is None or isinstance(value, Sealed):
            return value
        value = str(value)
        return crypto.seal_text(value) if value else ""


class EncryptedJSONField(_Sealing, models.TextField):
    """A JSON document holding personal data (an application, OCR evidence), sealed as a whole."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(crypto.open_text(value))

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(crypto.open_text(value))
            except ValueError:
                return value
        return value

    def get_prep_value(self, value):
        if value is None or isinstance(value, Sealed):
            return value
        return crypto.seal_text(json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), ensure_ascii=False, cls=DjangoJSONEncoder)

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.JSONField, **kwargs})
