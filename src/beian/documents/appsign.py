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

import hashlib
import io
import re
import struct
import zipfile
import zlib
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
    """Parses an `.apk`, `.cer` (DER) or `.pem` upload. Raises SigningFileError for anything else.

    The kind is told by the content, not by the name (the name only chooses between two refusals).
    """
    data = bytes(data or b"")
    filename = _clean_filename(filename)
    if not data:
        raise _error("signing_file_empty")
    if len(data) > MAX_SIGNING_FILE_BYTES:
        raise _error("signing_file_too_large", size=_human(len(data)), limit=_human(MAX_SIGNING_FILE_BYTES))
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        package_name, cert_der = _read_apk(data)
    else:
        package_name, cert_der = "", _read_certificate_file(data, filename)
    return SigningInfo(filename=filename, size=len(data), sha256_file=hashlib.sha256(data).hexdigest().upper(),
                       package_name=package_name, **certificate_values(cert_der))


def certificate_values(cert_der: bytes) -> dict:
    """public_key / md5 / sha1 / sha256 of a DER certificate (what `keytool -printcert` shows, without colons)."""
    return {
        "public_key": _spki(cert_der).hex().upper(),
        "md5": hashlib.md5(cert_der, usedforsecurity=False).hexdigest().upper(),
        "sha1": hashlib.sha1(cert_der, usedforsecurity=False).hexdigest().upper(),
        "sha256": hashlib.sha256(cert_der).hexdigest().upper(),
    }


# ---- refusals ---------------------------------------------------------------------------------------------------------

# Every SigningFileError code; the Chinese texts are documents/messages.py SIGNING_FILE_ERRORS (same keys).
ERROR_CODES = (
    "signing_file_empty",
    "signing_file_too_large",
    "signing_file_not_apk",  # neither a ZIP nor a certificate, by content
    "signing_file_bad_zip",  # corrupt archive, encrypted / duplicate entries, unsupported compression
    "signing_file_too_many_entries",
    "signing_file_entry_too_large",  # an entry we read declares / inflates beyond its cap (zip bomb)
    "signing_file_no_manifest",  # a ZIP without AndroidManifest.xml
    "signing_file_ipa",  # an iOS .ipa: no readable signing values; upload the .cer
    "signing_file_bad_manifest",  # not binary XML, corrupt, or no <manifest package=...>
    "signing_file_unsigned",  # no v1 signature and no v2/v3 signing block
    "signing_file_bad_signature",  # a v1 PKCS#7 / v2-v3 block without a readable certificate
    "signing_file_bad_certificate",  # a .cer / .pem that is not an X.509 certificate
    "signing_file_private_key",  # a private key or a keystore: refused, never kept
)

CERTIFICATE_EXTENSIONS = (".cer", ".crt", ".der", ".pem", ".p7b", ".p7c")
KEYSTORE_EXTENSIONS = (".jks", ".keystore", ".p12", ".pfx", ".bks")
MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024  # a certificate (even a chain) is a few KB
MAX_ZIP_ENTRIES = 200_000  # large games ship tens of thousands of files
MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 8 * 1024 * 1024  # the largest real binary manifests are ~1 MB
MAX_SIGNATURE_ENTRY_BYTES = 1024 * 1024  # META-INF/*.RSA is ~1-2 KB (a chain: a few KB)


def _error(code: str, **values) -> SigningFileError:
    from beian.documents import messages as msg

    return SigningFileError(code, msg.SIGNING_FILE_ERRORS[code].format(**values))


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{size / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{size} B"


def _clean_filename(filename: str) -> str:
    """The upload's base name as shown to the reviewer: no directories, no control characters, ≤ 200 chars."""
    name = re.split(r"[\\/]", str(filename or ""))[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200]


# ---- APK --------------------------------------------------------------------------------------------------------------

_V1_SIGNATURE = re.compile(r"META-INF/[^/]+\.(RSA|DSA|EC)", re.IGNORECASE)
APK_SIGNATURE_SCHEME_V2 = 0x7109871A
APK_SIGNATURE_SCHEME_V3 = 0xF05368C0


def _read_apk(data: bytes) -> tuple[str, bytes]:
    """(package name, DER of the signing certificate) of an APK, reading only the entries needed."""
    entries, cd_offset = _central_directory_limits(data)
    if entries > MAX_ZIP_ENTRIES:
        raise _error("signing_file_too_many_entries", count=entries, limit=MAX_ZIP_ENTRIES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, OSError,
            struct.error) as exc:
        raise _error("signing_file_bad_zip") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _error("signing_file_too_many_entries", count=len(infos), limit=MAX_ZIP_ENTRIES)
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.filename in by_name and (info.filename == "AndroidManifest.xml" or _V1_SIGNATURE.fullmatch(info.filename)):
            raise _error("signing_file_bad_zip")  # two entries of one name: which one Android reads is ambiguous
        by_name.setdefault(info.filename, info)
    manifest = by_name.get("AndroidManifest.xml")
    if manifest is None:
        if any(re.fullmatch(r"Payload/[^/]+\.app/.*", name) for name in by_name):
            raise _error("signing_file_ipa")
        raise _error("signing_file_no_manifest")
    package_name = _axml_package(_read_entry(archive, manifest, MAX_MANIFEST_BYTES))
    signature_names = sorted(name for name in by_name if _V1_SIGNATURE.fullmatch(name))
    if not signature_names:
        cert = _signing_block_certificate(data, cd_offset)
        if cert is None:
            raise _error("signing_file_unsigned")
        return package_name, cert
    # keytool -printcert -jarfile reads the v1 signature too; with several signers, the first by name
    try:
        return package_name, _v1_certificate(_read_entry(archive, by_name[signature_names[0]],
                                                         MAX_SIGNATURE_ENTRY_BYTES))
    except SigningFileError as v1_error:
        try:
            cert = _signing_block_certificate(data, cd_offset)  # a v1 block we cannot read beside a good v2/v3
        except SigningFileError:
            cert = None
        if cert is None:
            raise v1_error from None
        return package_name, cert


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """An entry's bytes, refusing one that declares or inflates to more than `cap` (zip bombs)."""
    if info.file_size > cap:
        raise _error("signing_file_entry_too_large", entry=info.filename[:100], size=_human(info.file_size),
                     limit=_human(cap))
    try:
        with archive.open(info) as stream:
            content = stream.read(cap + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError, zlib.error) as exc:
        raise _error("signing_file_bad_zip") from exc  # CRC mismatch, encrypted, unknown compression, truncated
    if len(content) > cap:
        raise _error("signing_file_entry_too_large", entry=info.filename[:100], size=_human(len(content)),
                     limit=_human(cap))
    if len(content) != info.file_size:
        raise _error("signing_file_bad_zip")
    return content


def _central_directory_limits(data: bytes) -> tuple[int, int | None]:
    """(number of entries, offset of the central directory or None for ZIP64) from the end-of-central-directory
    record, read before zipfile builds one object per entry."""
    tail_start = max(0, len(data) - (22 + 0xFFFF))
    position = data.rfind(b"PK\x05\x06", tail_start)
    while position >= 0 and position + 22 <= len(data):
        comment_length = struct.unpack_from("<H", data, position + 20)[0]
        if position + 22 + comment_length == len(data):
            break
        position = data.rfind(b"PK\x05\x06", tail_start, position)
    if position < 0 or position + 22 > len(data):
        raise _error("signing_file_bad_zip")
    _, _, _, _, entries, cd_size, cd_offset, _ = struct.unpack_from("<4s4H2LH", data, position)
    if entries == 0xFFFF or cd_offset == 0xFFFFFFFF:
        return 0, None  # ZIP64: zipfile reads it; Android does not put a signing block before a ZIP64 directory
    if cd_size > MAX_CENTRAL_DIRECTORY_BYTES:
        raise _error("signing_file_too_many_entries", count=f"{cd_size // 46}+", limit=MAX_ZIP_ENTRIES)
    return entries, cd_offset


def _v1_certificate(pkcs7_der: bytes) -> bytes:
    """The signer's certificate of a v1 signature block (PKCS#7 SignedData, DER)."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

    try:
        certs = pkcs7.load_der_pkcs7_certificates(pkcs7_der)
        ders = [cert.public_bytes(Encoding.DER) for cert in certs]
    except Exception as exc:  # noqa: BLE001 - any parse failure of untrusted bytes is a refusal, not a 500
        raise _error("signing_file_bad_signature") from exc
    if not ders:
        raise _error("signing_file_bad_signature")
    der = _leaf(certs, ders)
    _check_certificate(der, "signing_file_bad_signature")
    return der


def _leaf(certs, ders: list[bytes]) -> bytes:
    """Of a chain, the certificate that issued none of the others (the signer); the first one if that is unclear."""
    if len(ders) == 1:
        return ders[0]
    try:
        issuers = {cert.issuer.public_bytes() for cert in certs if cert.issuer != cert.subject}
        leaves = [der for cert, der in zip(certs, ders, strict=True) if cert.subject.public_bytes() not in issuers]
    except Exception:  # noqa: BLE001
        return ders[0]
    return leaves[0] if leaves else ders[0]


def _signing_block_certificate(data: bytes, cd_offset: int | None) -> bytes | None:
    """The first signer's first certificate in the APK Signing Block (v2, else v3), or None without a block."""
    if cd_offset is None or cd_offset < 32 or cd_offset > len(data):
        return None
    if data[cd_offset - 16:cd_offset] != b"APK Sig Block 42":
        return None
    size = struct.unpack_from("<Q", data, cd_offset - 24)[0]
    start = cd_offset - size - 8
    if size < 24 or start < 0 or struct.unpack_from("<Q", data, start)[0] != size:
        raise _error("signing_file_bad_signature")
    pairs: dict[int, bytes] = {}
    position, end = start + 8, cd_offset - 24
    while position < end:
        if position + 12 > end:
            raise _error("signing_file_bad_signature")
        length, block_id = struct.unpack_from("<QL", data, position)
        if length < 4 or position + 8 + length > end:
            raise _error("signing_file_bad_signature")
        pairs.setdefault(block_id, data[position + 12:position + 8 + length])
        position += 8 + length
    for block_id in (APK_SIGNATURE_SCHEME_V2, APK_SIGNATURE_SCHEME_V3):
        if block_id in pairs:
            return _first_certificate(pairs[block_id])
    return None


def _first_certificate(scheme_block: bytes) -> bytes:
    """signers → first signer → signed data → (digests, certificates) → first certificate; every field u32-prefixed.

    v2 and v3 signers agree up to the certificates (v3 adds SDK bounds after them)."""
    try:
        signers = _Prefixed(scheme_block).take()
        signer = _Prefixed(signers).take()
        signed_data = _Prefixed(_Prefixed(signer).take())
        signed_data.take()  # digests
        certificate = _Prefixed(signed_data.take()).take()
    except ValueError as exc:
        raise _error("signing_file_bad_signature") from exc
    _check_certificate(certificate, "signing_file_bad_signature")
    return certificate


class _Prefixed:
    """Reads u32 little-endian length-prefixed fields of an APK Signing Block value."""

    def __init__(self, data: bytes):
        self.data, self.position = data, 0

    def take(self) -> bytes:
        if self.position + 4 > len(self.data):
            raise ValueError("truncated")
        length = struct.unpack_from("<L", self.data, self.position)[0]
        start = self.position + 4
        if start + length > len(self.data):
            raise ValueError("field beyond its block")
        self.position = start + length
        return self.data[start:self.position]


# ---- binary AndroidManifest.xml (AXML) ----------------------------------------------------------------------------

_RES_XML_TYPE = 0x0003
_RES_STRING_POOL_TYPE = 0x0001
_RES_XML_START_ELEMENT_TYPE = 0x0102
_UTF8_FLAG = 0x100
_TYPE_STRING = 0x03
_NO_INDEX = 0xFFFFFFFF
_MAX_PACKAGE_LENGTH = 255


def _axml_package(xml: bytes) -> str:
    """The `package` attribute of the first element, which must be <manifest>."""
    try:
        package = _AXML(xml).manifest_package()
    except (ValueError, IndexError, struct.error, UnicodeDecodeError) as exc:
        raise _error("signing_file_bad_manifest") from exc
    if not package or len(package) > _MAX_PACKAGE_LENGTH or not package.isprintable() or package != package.strip():
        raise _error("signing_file_bad_manifest")
    return package


class _AXML:
    """Just enough of Android's binary XML (frameworks/base ResourceTypes.h) to read <manifest package=...>.

    Chunks are walked by their declared sizes with every offset checked against the data; strings are
    decoded only when asked for, so a huge string pool costs nothing."""

    def __init__(self, xml: bytes):
        if len(xml) < 8:
            raise ValueError("too short")
        kind, header_size, size = struct.unpack_from("<HHL", xml, 0)
        if kind != _RES_XML_TYPE or header_size < 8 or size > len(xml) or size < header_size:
            raise ValueError("not binary XML")
        self.xml, self.end, self.first_chunk = xml, size, header_size
        self.strings: tuple[int, int, int, bool] | None = None  # (pool start, count, strings start, utf8)

    def manifest_package(self) -> str:
        position = self.first_chunk
        while position + 8 <= self.end:
            kind, header_size, size = struct.unpack_from("<HHL", self.xml, position)
            if header_size < 8 or size < header_size or position + size > self.end:
                raise ValueError("bad chunk")
            if kind == _RES_STRING_POOL_TYPE and self.strings is None:
                self._string_pool(position, header_size, size)
            elif kind == _RES_XML_START_ELEMENT_TYPE:
                return self._manifest_element(position, header_size, size)
            position += size
        raise ValueError("no element")

    def _string_pool(self, position: int, header_size: int, size: int) -> None:
        if header_size < 28:
            raise ValueError("short string pool header")
        count, _styles, flags, strings_start, _ = struct.unpack_from("<5L", self.xml, position + 8)
        if header_size + 4 * count > size or strings_start > size:
            raise ValueError("string pool beyond its chunk")
        self.strings = (position, count, strings_start, bool(flags & _UTF8_FLAG))
        self.pool_end = position + size

    def string(self, index: int) -> str:
        if self.strings is None:
            raise ValueError("no string pool")
        pool, count, strings_start, utf8 = self.strings
        if index >= count:
            raise ValueError("string index")
        header_size = struct.unpack_from("<H", self.xml, pool + 2)[0]
        offset = pool + strings_start + struct.unpack_from("<L", self.xml, pool + header_size + 4 * index)[0]
        if utf8:
            _, offset = self._length8(offset)  # UTF-16 length, unused
            length, offset = self._length8(offset)
            raw = self._slice(offset, length)
            return raw.decode("utf-8")
        length, offset = self._length16(offset)
        return self._slice(offset, 2 * length).decode("utf-16-le")

    def _slice(self, offset: int, length: int) -> bytes:
        if offset + length > self.pool_end:
            raise ValueError("string beyond the pool")
        return self.xml[offset:offset + length]

    def _length8(self, offset: int) -> tuple[int, int]:
        first = self._slice(offset, 1)[0]
        if first & 0x80:
            return ((first & 0x7F) << 8) | self._slice(offset + 1, 1)[0], offset + 2
        return first, offset + 1

    def _length16(self, offset: int) -> tuple[int, int]:
        first = struct.unpack("<H", self._slice(offset, 2))[0]
        if first & 0x8000:
            second = struct.unpack("<H", self._slice(offset + 2, 2))[0]
            return ((first & 0x7FFF) << 16) | second, offset + 4
        return first, offset + 2

    def _manifest_element(self, position: int, header_size: int, size: int) -> str:
        ext = position + header_size  # ns, name, attributeStart, attributeSize, attributeCount, ...
        if ext + 20 > position + size:
            raise ValueError("short element")
        _ns, name, attr_start, attr_size, attr_count = struct.unpack_from("<LLHHH", self.xml, ext)
        if self.string(name) != "manifest":
            raise ValueError("first element is not <manifest>")
        if attr_size < 20 or ext + attr_start + attr_size * attr_count > position + size:
            raise ValueError("attributes beyond the element")
        for i in range(attr_count):
            at = ext + attr_start + i * attr_size
            ns, attr_name, raw, _size, _res0, data_type, value = struct.unpack_from("<LLLHBBL", self.xml, at)
            if ns != _NO_INDEX or self.string(attr_name) != "package":
                continue
            if raw != _NO_INDEX:
                return self.string(raw)
            if data_type == _TYPE_STRING:
                return self.string(value)
            raise ValueError("package is not a string")
        raise ValueError("no package attribute")


# ---- certificate files ------------------------------------------------------------------------------------------------

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----")


def _read_certificate_file(data: bytes, filename: str) -> bytes:
    """DER of the first certificate of a `.cer` / `.crt` / `.der` (DER), `.pem` or PKCS#7 (`.p7b`) file."""
    lower = filename.lower()
    if data[:4] in (b"\xfe\xed\xfe\xed", b"\xce\xce\xce\xce") or _is_pkcs12(data):  # JKS / JCEKS / PKCS#12
        raise _error("signing_file_private_key")
    if len(data) > MAX_CERTIFICATE_FILE_BYTES:
        raise _error("signing_file_too_large", size=_human(len(data)), limit=_human(MAX_CERTIFICATE_FILE_BYTES))
    text = data.removeprefix(b"\xef\xbb\xbf")
    labels = [match.group(1).decode() for match in _PEM_BLOCK.finditer(text)]
    if any("PRIVATE KEY" in label for label in labels):
        raise _error("signing_file_private_key")
    try:
        if labels:
            return _pem_certificate(text)
        if data[:1] == b"\x30":
            return _der_certificate(data)
    except SigningFileError:
        if lower.endswith(KEYSTORE_EXTENSIONS):  # e.g. a BKS keystore: no magic to tell it by, only its name
            raise _error("signing_file_private_key") from None
        raise
    if lower.endswith(KEYSTORE_EXTENSIONS):
        raise _error("signing_file_private_key")
    if lower.endswith(CERTIFICATE_EXTENSIONS):
        raise _error("signing_file_bad_certificate")
    raise _error("signing_file_not_apk")


def _is_pkcs12(data: bytes) -> bool:
    """PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }; a certificate starts SEQUENCE { SEQUENCE."""
    try:
        outer, _ = _der_element(data, 0)
        first, _ = _der_element(data, outer.content)
    except ValueError:
        return False
    return outer.tag == 0x30 and first.tag == 0x02 and data[first.content:first.end] == b"\x03"


def _pem_certificate(text: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

    try:
        certs = x509.load_pem_x509_certificates(text)
    except ValueError:
        try:
            certs = pkcs7.load_pem_pkcs7_certificates(text)
        except Exception as exc:  # noqa: BLE001 - untrusted bytes
            raise _error("signing_file_bad_certificate") from exc
    except Exception as exc:  # noqa: BLE001
        raise _error("signing_file_bad_certificate") from exc
    if not certs:
        raise _error("signing_file_bad_certificate")
    der = certs[0].public_bytes(Encoding.DER)
    _check_certificate(der, "signing_file_bad_certificate")
    return der


def _der_certificate(data: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

    try:
        der = x509.load_der_x509_certificate(data).public_bytes(Encoding.DER)
    except Exception:  # noqa: BLE001 - not a bare certificate: a PKCS#7 bundle (.p7b, or a CERT.RSA)?
        try:
            certs = pkcs7.load_der_pkcs7_certificates(data)
            der = _leaf(certs, [cert.public_bytes(Encoding.DER) for cert in certs]) if certs else b""
        except Exception as exc:  # noqa: BLE001
            raise _error("signing_file_bad_certificate") from exc
    if not der:
        raise _error("signing_file_bad_certificate")
    _check_certificate(der, "signing_file_bad_certificate")
    return der


def _check_certificate(der: bytes, code: str) -> None:
    """A certificate cryptography parses and whose public key we can cut out; else SigningFileError(code)."""
    from cryptography import x509

    try:
        x509.load_der_x509_certificate(der)
        _spki(der)
    except Exception as exc:  # noqa: BLE001
        raise _error(code) from exc


def _spki(cert_der: bytes) -> bytes:
    """The SubjectPublicKeyInfo of a certificate exactly as encoded in it (Certificate → tbsCertificate → 7th field,
    after the optional [0] version): what `getPublicKey().getEncoded()` gives, whatever the key algorithm."""
    certificate, _ = _der_element(cert_der, 0)
    tbs, _ = _der_element(cert_der, certificate.content)
    position, fields = tbs.content, []
    while position < tbs.end and len(fields) < 7:
        element, position = _der_element(cert_der, position)
        fields.append(element)
    if fields and fields[0].tag == 0xA0:
        fields.pop(0)  # version
    if len(fields) < 6 or fields[5].tag != 0x30:
        raise ValueError("no SubjectPublicKeyInfo")
    return cert_der[fields[5].start:fields[5].end]


@dataclass(frozen=True)
class _Element:
    tag: int
    start: int  # of the tag
    content: int
    end: int


def _der_element(der: bytes, position: int) -> tuple[_Element, int]:
    """The DER element at `position` (definite lengths only) and the position after it."""
    if position + 2 > len(der):
        raise ValueError("truncated DER")
    tag, length = der[position], der[position + 1]
    content = position + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or content + count > len(der):
            raise ValueError("bad DER length")
        length = int.from_bytes(der[content:content + count], "big")
        content += count
    if content + length > len(der):
        raise ValueError("DER element beyond the data")
    return _Element(tag, position, content, content + length), content + length


def file_size(n: int) -> str:
    """An upload's size as the wizard and the console show it: `2.6 KB`, `48.3 MB`."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n, 1) / 1024:.1f} KB"


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
