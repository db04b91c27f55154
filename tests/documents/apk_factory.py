"""Builds minimal signed APKs and signing certificates in memory, with nothing downloaded (issue 17 #2).

    data, expected = make_apk("com.example.shop")             # v1 (JAR) signature
    data, expected = make_apk("com.example.shop", v1=False, v2=True)   # v2 signing block only
    der, expected = make_certificate()                        # the same certificate as a .cer; encoding="pem"

`expected` holds the SigningInfo fields the reader must find (package_name, public_key, md5, sha1, sha256),
computed here with `cryptography` from the certificate object, independently of documents/appsign.py.

The APK is a real one as far as signing goes: a binary AndroidManifest.xml (AXML), META-INF/MANIFEST.MF,
CERT.SF and CERT.RSA / CERT.EC (a detached PKCS#7 signature, as jarsigner / apksigner write it, so
`jarsigner -verify` accepts it), and optionally an APK Signing Block with a v2 and / or v3 signer whose
digests are computed over the archive as the scheme says. There is no code in it (classes.dex is a stub).

No pytest at module level: the browser tests import it to upload an APK through the wizard. Keys and
certificates are generated once per process (RSA generation is the only slow step), so calls are fast
and, for the same arguments, byte-for-byte reproducible.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import io
import struct
import zipfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

ANDROID_NS = "http://schemas.android.com/apk/res/android"
V2_BLOCK_ID = 0x7109871A
V3_BLOCK_ID = 0xF05368C0
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


# ---- keys and certificates --------------------------------------------------------------------------------------------


@functools.cache
def signing_key(kind: str = "rsa", index: int = 0):
    """A private key generated once per (kind, index): "rsa" (2048 bits) or "ec" (P-256)."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(kind)


_certificates: dict[tuple[int, str], tuple[object, x509.Certificate]] = {}


def certificate_for(key=None, *, common_name: str = "Example Shop") -> x509.Certificate:
    """The self-signed signing certificate of `key` (default: signing_key()), like `keytool -genkeypair` makes."""
    key = key or signing_key()
    cache_key = (id(key), common_name)
    if cache_key not in _certificates:
        name = x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        ])
        serial = int.from_bytes(hashlib.sha256(common_name.encode()).digest()[:8], "big") | 1
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(serial)
                .not_valid_before(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
                .not_valid_after(datetime.datetime(2051, 1, 1, tzinfo=datetime.UTC))
                .sign(key, hashes.SHA256()))
        _certificates[cache_key] = (key, cert)  # keeps the key alive, so its id is not reused
    return _certificates[cache_key][1]


def expected_values(cert: x509.Certificate, package_name: str = "") -> dict:
    """What the reader must find for `cert`, computed with cryptography's own fingerprint / key encoding."""
    return {
        "package_name": package_name,
        "public_key": cert.public_key().public_bytes(serialization.Encoding.DER,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo).hex().upper(),
        "md5": cert.fingerprint(hashes.MD5()).hex().upper(),
        "sha1": cert.fingerprint(hashes.SHA1()).hex().upper(),
        "sha256": cert.fingerprint(hashes.SHA256()).hex().upper(),
    }


def make_certificate(key=None, *, encoding: str = "der", common_name: str = "Example Shop") -> tuple[bytes, dict]:
    """(a `.cer` (DER) or `.pem` file, expected values) of the signing certificate of `key`."""
    cert = certificate_for(key, common_name=common_name)
    form = {"der": serialization.Encoding.DER, "pem": serialization.Encoding.PEM}[encoding]
    return cert.public_bytes(form), expected_values(cert)


# ---- binary AndroidManifest.xml ---------------------------------------------------------------------------------------


def axml_manifest(package: str, *, utf8: bool = False, version_name: str = "1.0", label: str = "示例商城",
                  package_as_typed_value: bool = False) -> bytes:
    """A compiled AndroidManifest.xml: <manifest package versionCode versionName><uses-sdk/><application label/>.

    `utf8` chooses the string pool's encoding (aapt2 writes UTF-8, old aapt UTF-16); with
    `package_as_typed_value` the package attribute has no raw string, only a typed string value."""
    strings = ["versionCode", "versionName", "minSdkVersion", "label", "android", ANDROID_NS, "package",
               "manifest", "uses-sdk", "application", version_name, package, label]
    index = {text: i for i, text in enumerate(strings)}
    resource_ids = [0x0101021B, 0x0101021C, 0x0101020C, 0x01010001]  # the android: attributes, in pool order
    ns = index[ANDROID_NS]

    def string_attr(ns_index, name, value, raw=True):
        return (ns_index, index[name], index[value] if raw else 0xFFFFFFFF, 0x03, index[value])

    def int_attr(ns_index, name, value):
        return (ns_index, index[name], 0xFFFFFFFF, 0x10, value)

    none = 0xFFFFFFFF
    body = _string_pool(strings, utf8) + _chunk(0x0180, b"", b"".join(struct.pack("<L", r) for r in resource_ids))
    body += _chunk(0x0100, struct.pack("<LL", 1, none), struct.pack("<LL", index["android"], ns))
    body += _start_element("manifest", index, [
        int_attr(ns, "versionCode", 1), string_attr(ns, "versionName", version_name),
        string_attr(none, "package", package, raw=not package_as_typed_value)])
    body += _start_element("uses-sdk", index, [int_attr(ns, "minSdkVersion", 24)])
    body += _end_element("uses-sdk", index)
    body += _start_element("application", index, [string_attr(ns, "label", label)])
    body += _end_element("application", index) + _end_element("manifest", index)
    body += _chunk(0x0101, struct.pack("<LL", 1, none), struct.pack("<LL", index["android"], ns))
    return _chunk(0x0003, b"", body)


def _chunk(kind: int, header_rest: bytes, body: bytes) -> bytes:
    header_size = 8 + len(header_rest)
    return struct.pack("<HHL", kind, header_size, header_size + len(body)) + header_rest + body


def _string_pool(strings: list[str], utf8: bool) -> bytes:
    def length8(n):
        return bytes([n]) if n < 0x80 else bytes([0x80 | (n >> 8), n & 0xFF])

    data, offsets = b"", []
    for text in strings:
        offsets.append(len(data))
        if utf8:
            raw = text.encode("utf-8")
            data += length8(len(text.encode("utf-16-le")) // 2) + length8(len(raw)) + raw + b"\0"
        else:
            raw = text.encode("utf-16-le")
            data += struct.pack("<H", len(raw) // 2) + raw + b"\0\0"
    data += b"\0" * (-len(data) % 4)
    header_size = 28
    strings_start = header_size + 4 * len(strings)
    header_rest = struct.pack("<5L", len(strings), 0, 0x100 if utf8 else 0, strings_start, 0)
    return _chunk(0x0001, header_rest, b"".join(struct.pack("<L", o) for o in offsets) + data)


def _start_element(name: str, index: dict, attributes: list[tuple]) -> bytes:
    attrs = b"".join(struct.pack("<LLLHBBL", ns, attr, raw, 8, 0, kind, value) for ns, attr, raw, kind, value in attributes)
    ext = struct.pack("<LLHHHHHH", 0xFFFFFFFF, index[name], 20, 20, len(attributes), 0, 0, 0)
    return _chunk(0x0102, struct.pack("<LL", 1, 0xFFFFFFFF), ext + attrs)


def _end_element(name: str, index: dict) -> bytes:
    return _chunk(0x0103, struct.pack("<LL", 1, 0xFFFFFFFF), struct.pack("<LL", 0xFFFFFFFF, index[name]))


# ---- the APK ----------------------------------------------------------------------------------------------------------


def make_apk(package: str = "com.example.shop", *, key=None, v1: bool = True, v2: bool = False, v3: bool = False,
             utf8: bool = False, common_name: str = "Example Shop", manifest: bytes | None = None,
             extra_entries: dict[str, bytes] | None = None) -> tuple[bytes, dict]:
    """(the APK's bytes, expected SigningInfo fields). Signed with `key` (default signing_key()) by a self-signed
    certificate; `manifest` replaces the compiled AndroidManifest.xml (None: generated; b"": left out)."""
    key = key or signing_key()
    cert = certificate_for(key, common_name=common_name)
    entries = {}
    if manifest is None:
        manifest = axml_manifest(package, utf8=utf8)
    if manifest != b"":
        entries["AndroidManifest.xml"] = manifest
    entries["classes.dex"] = b"dex\n035\0" + b"\0" * 104  # a header-sized stub; nothing in it runs
    entries["res/raw/about.txt"] = "示例商城 Android 客户端\n".encode()
    entries.update(extra_entries or {})
    if v1:
        entries = _v1_signed(entries, key, cert, apk_signed_by=[2] * v2 + [3] * v3)
    data = _zip(entries)
    blocks = []
    if v2:
        blocks.append((V2_BLOCK_ID, _scheme_block(data, key, cert, v3=False)))
    if v3:
        blocks.append((V3_BLOCK_ID, _scheme_block(data, key, cert, v3=True)))
    if blocks:
        data = _insert_signing_block(data, blocks)
    return data, expected_values(cert, package)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".arsc") else zipfile.ZIP_DEFLATED
            info.create_system = 0  # no POSIX attributes (jarsigner warns about them)
            archive.writestr(info, content)
    return buffer.getvalue()


def _v1_signed(entries: dict[str, bytes], key, cert: x509.Certificate, apk_signed_by: list[int]) -> dict[str, bytes]:
    """Adds META-INF/MANIFEST.MF, CERT.SF and CERT.RSA|EC (the JAR signature), first in the archive as jarsigner does."""
    def b64_sha256(data: bytes) -> str:
        return base64.b64encode(hashlib.sha256(data).digest()).decode()

    sections = {name: f"Name: {name}\r\nSHA-256-Digest: {b64_sha256(content)}\r\n\r\n".encode()
                for name, content in entries.items()}
    manifest = b"Manifest-Version: 1.0\r\nCreated-By: 1.0 (beian tests)\r\n\r\n" + b"".join(sections.values())
    signed_by = f"X-Android-APK-Signed: {', '.join(map(str, apk_signed_by))}\r\n" if apk_signed_by else ""
    sf = (f"Signature-Version: 1.0\r\nCreated-By: 1.0 (beian tests)\r\nSHA-256-Digest-Manifest: {b64_sha256(manifest)}"
          f"\r\n{signed_by}\r\n").encode()
    sf += b"".join(f"Name: {name}\r\nSHA-256-Digest: {b64_sha256(section)}\r\n\r\n".encode()
                   for name, section in sections.items())
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary, pkcs7.PKCS7Options.NoAttributes]
    block = pkcs7.PKCS7SignatureBuilder().set_data(sf).add_signer(cert, key, hashes.SHA256()).sign(
        serialization.Encoding.DER, options)
    extension = "EC" if isinstance(key, ec.EllipticCurvePrivateKey) else "RSA"
    return {"META-INF/MANIFEST.MF": manifest, "META-INF/CERT.SF": sf, f"META-INF/CERT.{extension}": block, **entries}


# ---- APK Signature Scheme v2 / v3 -------------------------------------------------------------------------------------


def _lp(data: bytes) -> bytes:
    return struct.pack("<L", len(data)) + data


def _eocd(data: bytes) -> int:
    return data.rindex(b"PK\x05\x06")


def _scheme_block(zip_data: bytes, key, cert: x509.Certificate, *, v3: bool) -> bytes:
    """The v2 (or v3) signer block for an archive that has no signing block yet."""
    is_ec = isinstance(key, ec.EllipticCurvePrivateKey)
    algorithm = 0x0201 if is_ec else 0x0103  # ECDSA with SHA2-256 / RSASSA-PKCS1-v1_5 with SHA2-256
    eocd = _eocd(zip_data)
    cd_offset = struct.unpack_from("<L", zip_data, eocd + 16)[0]
    chunks = []
    for section in (zip_data[:cd_offset], zip_data[cd_offset:eocd], zip_data[eocd:]):
        for start in range(0, len(section), 1024 * 1024):
            chunk = section[start:start + 1024 * 1024]
            chunks.append(hashlib.sha256(b"\xa5" + struct.pack("<L", len(chunk)) + chunk).digest())
    digest = hashlib.sha256(b"\x5a" + struct.pack("<L", len(chunks)) + b"".join(chunks)).digest()
    sdk = struct.pack("<LL", 24, 0x7FFFFFFF) if v3 else b""
    signed_data = (_lp(_lp(struct.pack("<L", algorithm) + _lp(digest))) + _lp(_lp(cert.public_bytes(
        serialization.Encoding.DER))) + sdk + _lp(b""))
    if is_ec:
        signature = key.sign(signed_data, ec.ECDSA(hashes.SHA256()))
    else:
        signature = key.sign(signed_data, padding.PKCS1v15(), hashes.SHA256())
    public_key = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    signer = _lp(signed_data) + sdk + _lp(_lp(struct.pack("<L", algorithm) + _lp(signature))) + _lp(public_key)
    return _lp(_lp(signer))


def _insert_signing_block(zip_data: bytes, blocks: list[tuple[int, bytes]]) -> bytes:
    """Puts the APK Signing Block between the entries and the central directory and moves the EOCD's offset."""
    pairs = b"".join(struct.pack("<QL", len(value) + 4, block_id) + value for block_id, value in blocks)
    size = len(pairs) + 8 + 16
    block = struct.pack("<Q", size) + pairs + struct.pack("<Q", size) + b"APK Sig Block 42"
    eocd = _eocd(zip_data)
    cd_offset = struct.unpack_from("<L", zip_data, eocd + 16)[0]
    eocd_record = bytearray(zip_data[eocd:])
    struct.pack_into("<L", eocd_record, 16, cd_offset + len(block))
    return zip_data[:cd_offset] + block + zip_data[cd_offset:eocd] + bytes(eocd_record)
