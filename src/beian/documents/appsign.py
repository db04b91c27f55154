"""Reads an APP's signing values (package name, public key, fingerprints) from an uploaded file.

The applicant may upload the signed `.apk` (or the signing certificate as `.cer` / `.pem`) instead
of typing the values from `keytool -printcert` / `apksigner verify --print-certs`. The file is only
parsed as data: nothing in it is executed, and a file that is not what it claims is refused with a
stable code and a Chinese message (SigningFileError).

What an upload yields is kept beside the typed values in the application, on the platform row, as
`from_file` (see FROM_FILE_KEYS); the rules engine ignores that key, the reviewer console compares
it with the typed values (compare()).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

MAX_SIGNING_FILE_BYTES = 200 * 1024 * 1024  # an APK of a real APP is tens of MB; far above is not an APK

# Keys of `apps[i].platforms[j].from_file` (all strings; hex upper-case without separators).
FROM_FILE_KEYS = ("filename", "size", "sha256_file", "package_name", "public_key", "md5", "sha1", "sha256")


class SigningFileError(ValueError):
    """The upload is not a readable APK / certificate. `code` is stable (API, tests); `message` is Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SigningInfo:
    filename: str
    size: int
    sha256_file: str  # of the uploaded bytes, so the reviewer can tell which file it was
    package_name: str  # "" for a bare certificate
    public_key: str  # the certificate's SubjectPublicKeyInfo, DER as upper-case hex
    md5: str  # certificate fingerprints, upper-case hex without colons
    sha1: str
    sha256: str

    def as_from_file(self) -> dict:
        return asdict(self)


def read_signing_file(data: bytes, *, filename: str) -> SigningInfo:
    """Parses an `.apk`, `.cer` (DER) or `.pem` upload. Raises SigningFileError for anything else."""
    raise NotImplementedError  # implemented by the APK reader (issue 17 #2)


_SEPARATORS = re.compile(r"[\s:]+")


def normalise_hex(value: str) -> str:
    """`9f:1a ...\\n7c` → `9F1A…7C`: the way fingerprints are pasted (colons, spaces, line breaks, case)."""
    return _SEPARATORS.sub("", value or "").upper()


# Which fingerprint a platform's `signature` holds (precheck.md: MD5 for android, SHA-1 for ios).
_SIGNATURE_BY_LENGTH = {32: "md5", 40: "sha1", 64: "sha256"}


def compare(row: dict) -> list[str]:
    """Fields of a platform row whose typed value differs from what its uploaded file says.

    Returns [] when there is no `from_file` or everything matches; otherwise a subset of
    ("package_name", "public_key", "signature") in that order.
    """
    found = row.get("from_file")
    if not isinstance(found, dict):
        return []
    differs = []
    if found.get("package_name") and (row.get("package_name") or "").strip() != found["package_name"]:
        differs.append("package_name")
    if found.get("public_key") and _key_hex(row.get("public_key") or "") != found["public_key"]:
        differs.append("public_key")
    typed = normalise_hex(row.get("signature") or "")
    field = _SIGNATURE_BY_LENGTH.get(len(typed))
    if not field or typed != (found.get(field) or ""):
        differs.append("signature")
    return differs


def _key_hex(value: str) -> str:
    """A typed public key as upper-case hex: accepts hex (any separators) or base64 / PEM body."""
    text = normalise_hex(value)
    if re.fullmatch(r"[0-9A-F]+", text) and len(text) % 2 == 0:
        return text
    import base64
    import binascii

    body = re.sub(r"-----[A-Z ]+-----|\s", "", value or "")
    try:
        return base64.b64decode(body, validate=True).hex().upper()
    except (binascii.Error, ValueError):
        return text
