"""A platform row's signing file (`.apk`, `.cer`, `.pem`) at 填写网站信息: read by documents.appsign, never kept.

The form posts the file with the rest of the step (one multipart form), so what is typed is saved whatever the
file turns out to be. A readable file fills the row (package name when it has one, public key, the platform's
fingerprint) and leaves `from_file` on it; an unreadable one leaves the row as typed and says why, with the
reader's code. What the page then says about the row: what was read from which file, and which typed value no
longer matches it (appsign.compare).

The file itself is not stored (docs/decisions.md): `from_file` keeps its name, size and SHA-256, which is what
the reviewer needs to tell which build was read; the binary of an APP is not evidence of the applicant's identity.
"""

import logging
import re

from beian.documents import appsign
from beian.web import limits
from beian.wizard import messages as msg
from beian.wizard.app_fields import FINGERPRINT, PLATFORMS

log = logging.getLogger(__name__)
_FILE = re.compile(r"apps\[(\d{1,3})\]\.platforms\[(\d{1,3})\]\.file")
UNREADABLE = "signing_file_unreadable"


def file_field(i: int, j: int) -> str:
    return f"apps[{i}].platforms[{j}].file"


def _row(application: dict, i: int, j: int) -> dict | None:
    try:
        row = application["apps"][i]["platforms"][j]
    except (KeyError, IndexError, TypeError):
        return None
    return row if isinstance(row, dict) else None


def read_uploads(files, application: dict, *, order, user, codes: dict | None = None) -> tuple[dict, dict]:
    """Each posted `apps[i].platforms[j].file` read into its row. Returns ({path: error}, {path: note});
    `codes` collects {path: stable code}. Raises limits.Limited past the upload rate limits."""
    errors, notes = {}, {}
    for name in files:
        match = _FILE.fullmatch(name)
        upload = files.get(name)
        if not match or upload is None:
            continue
        i, j = int(match.group(1)), int(match.group(2))
        if _row(application, i, j) is None:
            continue  # a row another tab removed: apps_step says so
        try:
            row = read_into_row(application, i, j, upload, order=order, user=user)
        except appsign.SigningFileError as exc:
            errors[name] = msg.SIGNING_FILE_ERROR.format(filename=(upload.name or "")[:200], message=exc.message,
                                                         code=exc.code)
            if codes is not None:
                codes[name] = exc.code
            continue
        notes[name] = described(row)
    return errors, notes


def read_into_row(application: dict, i: int, j: int, upload, *, order, user) -> dict:
    """One signing file read into `apps[i].platforms[j]` (the page's form and the JSON API's
    POST …/apps/{i}/platforms/{j}/signing-file): rate limited per order and account (limits.Limited), then read;
    the filled row. Raises LookupError when there is no such row, appsign.SigningFileError for a file that cannot
    be read (the row is then left as it was)."""
    row = _row(application, i, j) if i >= 0 and j >= 0 else None
    if row is None:
        raise LookupError(file_field(i, j))
    limits.hit(("upload_order", order.pk), ("upload_account", user.pk))
    apply(row, _read(upload, (upload.name or "")[:200]))
    return row


def _read(upload, filename: str):
    data = upload.read(appsign.MAX_SIGNING_FILE_BYTES + 1)  # one byte over: the reader refuses it as too large
    try:
        return appsign.read_signing_file(data, filename=filename)
    except appsign.SigningFileError:
        raise
    except Exception:  # a parser of untrusted bytes: whatever it trips on is the file's fault, never a 500
        log.exception("signing file %r could not be read", filename)
        raise appsign.SigningFileError(UNREADABLE, msg.SIGNING_UNREADABLE) from None


def apply(row: dict, info: appsign.SigningInfo) -> None:
    """Fill a platform row from what its file says (a bare certificate has no package name: the typed one stays)."""
    platform = row.get("platform") if row.get("platform") in PLATFORMS else "android"
    if info.package_name:
        row["package_name"] = info.package_name
    row["public_key"] = info.public_key
    row["signature"] = getattr(info, FINGERPRINT[platform])
    row["from_file"] = info.as_from_file()


def described(row: dict) -> str | None:
    """「已从文件…读取：…」 for a row with `from_file`."""
    found = row.get("from_file")
    if not isinstance(found, dict):
        return None
    what = []
    if found.get("package_name"):
        what.append(msg.SIGNING_READ_WHAT["package_name"].format(value=found["package_name"]))
    what.append(msg.SIGNING_READ_WHAT["public_key"])
    key = _fingerprint_key(row)
    if found.get(key):
        what.append(msg.SIGNING_READ_WHAT["signature"].format(fingerprint=msg.SIGNING_FINGERPRINT[key], value=found[key]))
    sha = str(found.get("sha256_file") or "")
    return msg.SIGNING_READ.format(filename=found.get("filename") or "—", size=appsign.file_size(int(found.get("size") or 0)),
                                   sha256=f"{sha[:12]}…{sha[-6:]}" if len(sha) > 20 else sha or "—", what="、".join(what))


def _fingerprint_key(row: dict) -> str:
    return FINGERPRINT.get(row.get("platform"), "sha256")


def differences(row: dict) -> dict[str, str]:
    """{field: message} for each typed value of the row that no longer matches its file."""
    found = row.get("from_file")
    if not isinstance(found, dict):
        return {}
    out = {}
    for key in appsign.compare(row):
        if key == "signature":
            typed = appsign.normalise_hex(row.get("signature") or "")
            field = {32: "md5", 40: "sha1", 64: "sha256"}.get(len(typed), _fingerprint_key(row))
            value = found.get(field) or ""
        else:
            value = found.get(key) or ""
        if key == "public_key" and len(value) > 40:
            value = f"{value[:24]}…{value[-12:]}"
        out[key] = msg.SIGNING_DIFFERS.format(filename=found.get("filename") or "—", value=value or "—")
    return out


MAX_BYTES = appsign.MAX_SIGNING_FILE_BYTES  # the page's file inputs check this before sending (apps.js)
