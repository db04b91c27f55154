"""Moving every sealed value, blind index and material file to the current data key (`rotate_data_keys`),
and the data migrations that seal what older versions stored in plain.

Each row and file is its own small write, checked against what was read (a concurrent save wins: it was
written under the current key anyway), so a run can be stopped at any point and simply run again; a
second run finds nothing to do. Sealed values are re-wrapped (only the data key is re-encrypted); files are
written under a new name, the row is pointed at it, then the old file is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from beian.pii import crypto
from beian.pii.crypto import DataKeyError, keyring
from beian.pii.fields import EncryptedJSONField, EncryptedTextField
from beian.pii.index import CERT, MOBILE, blind_index

BATCH = 500


@dataclass
class Report:
    dry_run: bool = False
    done: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, what: str, count: int) -> None:
        self.done.append((what, count))

    @property
    def changed(self) -> int:
        return sum(count for _, count in self.done)


def materials_storage():
    from django.core.files.storage import storages

    return storages["materials"]


# ---- sealed columns ------------------------------------------------------------------------------------

def sealed_fields(models=None) -> list[tuple[type, str]]:
    """(model, field name) of every sealed column of the installed models."""
    if models is None:
        from django.apps import apps

        models = apps.get_models()
    return [(model, f.name) for model in models for f in model._meta.concrete_fields
            if isinstance(f, EncryptedTextField | EncryptedJSONField)]


def transform_column(model, name: str, *, transform: Callable[[str], str], skip: Callable[[str], bool],
                     dry_run: bool = False, connection=None, report: Report | None = None) -> int:
    """Apply `transform` to every non-empty raw value of a column that `skip` does not exclude, reading and
    writing the column's raw text (no decryption of the data itself when re-wrapping)."""
    from django.db import connection as default_connection

    connection = connection or default_connection
    quote = connection.ops.quote_name
    meta = model._meta
    table, pk, column = quote(meta.db_table), quote(meta.pk.column), quote(meta.get_field(name).column)
    count, last = 0, None
    while True:
        with connection.cursor() as cursor:
            where = f"WHERE {pk} > %s " if last is not None else ""
            cursor.execute(f"SELECT {pk}, {column} FROM {table} {where}ORDER BY {pk} LIMIT {BATCH}",
                           [last] if last is not None else [])
            rows = cursor.fetchall()
        if not rows:
            return count
        for key, raw in rows:
            last = key
            if raw in (None, "") or skip(raw):
                continue
            if dry_run:
                count += 1
                continue
            try:
                new = transform(raw)
            except DataKeyError as exc:
                if report is not None:
                    report.problems.append(f"{meta.label}.{name} #{key}: {exc}")
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s", [new, key, raw])
                count += cursor.rowcount


def current_text(raw: str) -> bool:
    return crypto.text_key_id(raw) == keyring().current


# ---- blind indexes -------------------------------------------------------------------------------------

def _subject_cert(row) -> str:
    return ((row.application or {}).get("subject") or {}).get("cert_number") or ""


def index_columns():
    from beian.filings.models import Filing, Order
    from beian.notifications.models import SmsRecord
    from beian.wizard.models import MobileCode

    return [(Order, "subject_cert_index", CERT, _subject_cert), (Filing, "cert_index", CERT, _subject_cert),
            (MobileCode, "mobile_index", MOBILE, lambda row: row.mobile),
            (SmsRecord, "to_index", MOBILE, lambda row: row.to)]


def _each(queryset, report: Report, what: str):
    """Rows one by one, by primary key: a row that cannot be read (a key missing) is reported, not fatal."""
    for pk in queryset.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=BATCH):
        try:
            row = queryset.model.objects.filter(pk=pk).first()
        except DataKeyError as exc:
            report.problems.append(f"{what} #{pk}: {exc}")
            continue
        if row is not None:
            yield row


def rotate_index(model, name: str, kind: str, source, *, dry_run: bool, report: Report) -> int:
    current = keyring().current
    stale = model.objects.exclude(**{name: ""}).exclude(**{f"{name}__startswith": f"{current}:"})
    if dry_run:
        return stale.count()
    count = 0
    for row in _each(stale, report, f"{model._meta.label}.{name}"):
        count += model.objects.filter(pk=row.pk, **{name: getattr(row, name)}).update(
            **{name: blind_index(source(row), kind=kind)})
    return count


def rotate_claims(*, dry_run: bool, report: Report) -> int:
    """A certificate's in-flight claim is its index: recomputed from the order's application."""
    from beian.filings.claims import subject_cert
    from beian.filings.models import InFlightClaim, Order

    current = keyring().current
    stale = InFlightClaim.objects.filter(kind=InFlightClaim.CERT).exclude(key__startswith=f"{current}:")
    if dry_run:
        return stale.count()
    count = 0
    for claim in stale.order_by("pk").iterator(chunk_size=BATCH):
        try:
            order = Order.objects.get(pk=claim.order_id)
        except DataKeyError as exc:
            report.problems.append(f"filings.InFlightClaim #{claim.pk}: {exc}")
            continue
        key = blind_index(subject_cert(order.application), kind=CERT)
        try:
            with transaction.atomic():
                rows = InFlightClaim.objects.filter(pk=claim.pk, key=claim.key)
                count += rows.update(key=key) if key else rows.delete()[0]
        except IntegrityError:  # the certificate is claimed by another order too: left for a person to look at
            report.problems.append(f"filings.InFlightClaim #{claim.pk} (order {order.reference})")
    return count


# ---- files ---------------------------------------------------------------------------------------------

def _rewrite(storage, name: str, transform: Callable[[bytes], bytes]) -> str:
    return storage.save_raw(name, transform(storage.read_raw(name)))


def _names(row, name: str, is_list: bool) -> list[str]:
    if row is None:
        return []
    return [n for n in (getattr(row, name) or [])] if is_list else [n for n in [getattr(row, name).name] if n]


def transform_files(model, names: list[str], *, transform: Callable[[bytes], bytes], skip: Callable[[bytes], bool],
                    dry_run: bool = False, report: Report | None = None, list_field: str | None = None) -> int:
    """Rewrite each file of `names` (FileFields) or of `list_field` (a JSON list of storage names) that `skip`
    does not exclude; the row is switched to the new files under its lock, then the old files are deleted."""
    storage = materials_storage()
    is_list = list_field is not None
    count = 0
    fields = [list_field] if is_list else names
    for pk in model.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=BATCH):
        row = model.objects.only("pk", *fields).filter(pk=pk).first()  # no other (sealed) column is read
        for name in fields:
            old = _names(row, name, is_list)
            todo = []
            for file_name in old:
                try:
                    raw = storage.read_raw(file_name)
                except FileNotFoundError:
                    if report is not None:
                        report.problems.append(f"{model._meta.label} #{pk}: {file_name} missing")
                    continue
                if not skip(raw):
                    todo.append(file_name)
            if not todo or dry_run:
                count += len(todo)
                continue
            try:
                written = {file_name: storage.save_raw(file_name, transform(storage.read_raw(file_name)))
                           for file_name in todo}
            except DataKeyError as exc:
                if report is not None:
                    report.problems.append(f"{model._meta.label} #{pk}: {exc}")
                continue
            with transaction.atomic():
                locked = model.objects.select_for_update().only("pk", *fields).filter(pk=pk).first()
                if _names(locked, name, is_list) != old:
                    obsolete = list(written.values())  # replaced or purged meanwhile: our copies are not needed
                else:
                    obsolete = todo
                    new = [written.get(n, n) for n in getattr(locked, name)] if is_list else written[old[0]]
                    setattr(locked, name, new)
                    locked.save(update_fields=[name])
                    count += len(todo)
            for file_name in obsolete:
                storage.delete(file_name)
    return count


def current_bytes(raw: bytes) -> bool:
    return crypto.bytes_key_id(raw) == keyring().current


def file_sets(models=None):
    """(model, FileField names, JSON list field) holding material files."""
    if models is None:
        from beian.documents.models import Material
        from beian.verification.models import FaceAttempt
    else:
        Material, FaceAttempt = models  # noqa: N806
    return [(Material, ["original", "derived"], None), (FaceAttempt, [], "frames")]


# ---- the command -----------------------------------------------------------------------------------------

def rotate(*, dry_run: bool = False) -> Report:
    report = Report(dry_run=dry_run)
    for model, name in sealed_fields():
        report.add(f"{model._meta.label}.{name}",
                   transform_column(model, name, transform=crypto.rewrap_text, skip=current_text, dry_run=dry_run,
                                    report=report))
    for model, name, kind, source in index_columns():
        report.add(f"{model._meta.label}.{name}", rotate_index(model, name, kind, source, dry_run=dry_run,
                                                               report=report))
    report.add("filings.InFlightClaim.key", rotate_claims(dry_run=dry_run, report=report))
    for model, names, list_field in file_sets():
        label = f"{model._meta.label}.{list_field or '/'.join(names)}"
        report.add(label, transform_files(model, names, list_field=list_field, transform=crypto.rewrap_bytes,
                                          skip=current_bytes, dry_run=dry_run, report=report))
    return report


def remaining() -> int:
    """What is still not under the current key (0 after a complete rotation)."""
    return rotate(dry_run=True).changed



# ---- data migrations -------------------------------------------------------------------------------------

def _not_sealed_text(raw: str) -> bool:
    return not crypto.is_sealed_text(raw)


def _not_sealed_bytes(raw: bytes) -> bool:
    return not crypto.is_sealed_bytes(raw)


def seal_columns(label: str, *names: str):
    """RunPython (forward, backward) sealing columns that an older version stored in plain (and back)."""
    def forward(apps, schema_editor):
        for name in names:
            transform_column(apps.get_model(label), name, transform=crypto.seal_text, skip=crypto.is_sealed_text,
                             connection=schema_editor.connection)

    def backward(apps, schema_editor):
        for name in names:
            transform_column(apps.get_model(label), name, transform=crypto.open_text, skip=_not_sealed_text,
                             connection=schema_editor.connection)

    return forward, backward


def seal_files(label: str, names: list[str], list_field: str | None = None):
    """RunPython (forward, backward) sealing material files that an older version stored in plain (and back)."""
    def forward(apps, schema_editor):
        transform_files(apps.get_model(label), names, list_field=list_field, transform=crypto.seal_bytes,
                        skip=crypto.is_sealed_bytes)

    def backward(apps, schema_editor):
        transform_files(apps.get_model(label), names, list_field=list_field, transform=crypto.open_bytes,
                        skip=_not_sealed_bytes)

    return forward, backward


def fill_index(label: str, source: str, index: str, kind: str):
    """RunPython (forward, backward) computing a new blind-index column from a column (plain or sealed)."""
    def forward(apps, schema_editor):
        connection = schema_editor.connection
        model = apps.get_model(label)
        quote = connection.ops.quote_name
        meta = model._meta
        table, pk = quote(meta.db_table), quote(meta.pk.column)
        src, dst = quote(meta.get_field(source).column), quote(meta.get_field(index).column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {src} FROM {table}")
            rows = cursor.fetchall()
        for key, raw in rows:
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET {dst} = %s WHERE {pk} = %s",
                               [blind_index(crypto.open_text(raw or ""), kind=kind), key])

    return forward, migrations_noop


def migrations_noop(apps, schema_editor):
    pass
