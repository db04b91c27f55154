"""The APP signing-file reader (documents/appsign.py; issue 17 #2): values, refusals, compare(), the CLI."""

import base64
import io
import json
import random
import re
import shutil
import struct
import subprocess
import zipfile

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from beian.cli import main
from beian.documents import appsign
from beian.documents import messages as msg
from beian.documents.appsign import SigningFileError, compare, normalise_hex, read_signing_file
from tests.documents.apk_factory import (
    axml_manifest,
    certificate_for,
    make_apk,
    make_certificate,
    signing_key,
)

VALUE_KEYS = ("package_name", "public_key", "md5", "sha1", "sha256")


def values(info) -> dict:
    return {key: getattr(info, key) for key in VALUE_KEYS}


def zip_of(entries: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def refusal(data: bytes, filename: str) -> SigningFileError:
    with pytest.raises(SigningFileError) as caught:
        read_signing_file(data, filename=filename)
    error = caught.value
    assert error.code in appsign.ERROR_CODES
    template = re.escape(msg.SIGNING_FILE_ERRORS[error.code])
    assert re.fullmatch(re.sub(r"\\{\w+\\}", ".+", template), error.message, re.DOTALL), error.message
    return error


# ---- values -----------------------------------------------------------------------------------------------------------


def test_v1_apk_values_match_the_certificate_the_factory_made():
    data, expected = make_apk("com.example.shop")
    info = read_signing_file(data, filename="shop-release.apk")
    assert values(info) == expected
    assert info.package_name == "com.example.shop"
    assert info.filename == "shop-release.apk" and info.size == len(data)
    assert info.sha256_file == __import__("hashlib").sha256(data).hexdigest().upper()
    # independently of the factory's helper: the certificate object's own numbers
    cert = certificate_for()
    assert info.md5 == cert.fingerprint(hashes.MD5()).hex().upper()
    assert info.public_key == cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo).hex().upper()
    assert info.public_key.startswith("30820122300D06092A864886F70D0101010500")  # RSA-2048 SPKI, as in precheck.md
    assert set(info.as_from_file()) == set(appsign.FROM_FILE_KEYS)


@pytest.mark.parametrize("options", [
    {"v1": False, "v2": True}, {"v1": False, "v3": True}, {"v1": True, "v2": True, "v3": True},
    {"utf8": True}, {"utf8": True, "v1": False, "v2": True},
], ids=["v2-only", "v3-only", "v1-v2-v3", "utf8-pool", "utf8-v2"])
def test_signing_schemes_and_string_pools(options):
    data, expected = make_apk("cn.example.mall_app", **options)
    assert values(read_signing_file(data, filename="app.apk")) == expected


def test_v2_only_apk_has_no_meta_inf_signature():
    data, expected = make_apk("com.example.shop", v1=False, v2=True)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any(name.startswith("META-INF/") for name in names)
    assert b"APK Sig Block 42" in data
    assert values(read_signing_file(data, filename="app.apk")) == expected


def test_ec_key_and_a_second_key_give_their_own_values():
    ec_apk, ec_expected = make_apk("com.example.ec", key=signing_key("ec"))
    assert "META-INF/CERT.EC" in zipfile.ZipFile(io.BytesIO(ec_apk)).namelist()
    other, other_expected = make_apk("com.example.shop", key=signing_key("rsa", 1), v1=False, v2=True)
    assert values(read_signing_file(ec_apk, filename="a.apk")) == ec_expected
    assert values(read_signing_file(other, filename="b.apk")) == other_expected
    assert other_expected["md5"] != make_apk()[1]["md5"]


def test_package_given_only_as_a_typed_string_value():
    manifest = axml_manifest("com.example.typed", package_as_typed_value=True)
    data, _ = make_apk("com.example.typed", manifest=manifest)
    assert read_signing_file(data, filename="a.apk").package_name == "com.example.typed"


def test_der_certificate_and_pem_with_a_chain_use_the_first():
    der, expected = make_certificate()
    info = read_signing_file(der, filename="signing.cer")
    assert values(info) == {**expected, "package_name": ""}
    other_pem, _ = make_certificate(signing_key("ec"), encoding="pem", common_name="Other")
    pem, _ = make_certificate(encoding="pem")
    info = read_signing_file(b"\xef\xbb\xbf" + pem.replace(b"\n", b"\r\n") + other_pem, filename="chain.pem")
    assert values(info) == {**expected, "package_name": ""}


def test_content_not_extension_decides():
    der, expected = make_certificate()
    apk, apk_expected = make_apk()
    assert values(read_signing_file(der, filename="renamed.apk")) == {**expected, "package_name": ""}
    assert values(read_signing_file(apk, filename="renamed.pem")) == apk_expected


def test_pkcs7_bundle_as_a_cer_reads_its_certificate():
    apk, expected = make_apk()
    cert_rsa = zipfile.ZipFile(io.BytesIO(apk)).read("META-INF/CERT.RSA")
    assert values(read_signing_file(cert_rsa, filename="CERT.RSA")) == {**expected, "package_name": ""}


def test_filename_keeps_only_the_base_name():
    der, _ = make_certificate()
    assert read_signing_file(der, filename="C:\\Users\\me\\..\\签名\x00.cer").filename == "签名.cer"
    assert read_signing_file(der, filename="../../etc/passwd").filename == "passwd"


def test_entries_with_path_tricks_are_only_read_never_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data, expected = make_apk(extra_entries={"../../evil.so": b"x", "/abs/path": b"y", "lib/..\\..\\x": b"z"})
    assert values(read_signing_file(data, filename="a.apk")) == expected
    assert list(tmp_path.iterdir()) == []


def test_md5_as_keytool_prints_it_normalises_to_ours():
    """Old `keytool -printcert` (JDK ≤ 8) and `apksigner` print `MD5: 9F:1A:…`; the applicant pastes that."""
    data, _ = make_apk()
    info = read_signing_file(data, filename="a.apk")
    digest = certificate_for().fingerprint(hashes.MD5())
    keytool_line = ":".join(f"{byte:02X}" for byte in digest)
    assert normalise_hex(keytool_line) == info.md5
    assert normalise_hex(keytool_line.lower()[:20] + "\n  " + keytool_line.lower()[20:]) == info.md5


@pytest.mark.skipif(shutil.which("keytool") is None, reason="no JDK keytool here")
def test_keytool_reads_the_same_fingerprints(tmp_path):
    """An independent reader: the JDK's keytool on the factory's APK (v1) and certificate."""
    data, _ = make_apk()
    info = read_signing_file(data, filename="a.apk")
    (tmp_path / "a.apk").write_bytes(data)
    der, _ = make_certificate()
    (tmp_path / "a.cer").write_bytes(der)
    for args in (["-jarfile", str(tmp_path / "a.apk")], ["-file", str(tmp_path / "a.cer")]):
        out = subprocess.run(["keytool", "-printcert", *args], capture_output=True, text=True, timeout=60,
                             env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"}).stdout
        printed = dict(re.findall(r"^\s*(MD5|SHA1|SHA256):\s*([0-9A-F:]+)\s*$", out, re.MULTILINE))
        assert printed["SHA1"] and printed["SHA256"], out
        assert normalise_hex(printed["SHA1"]) == info.sha1
        assert normalise_hex(printed["SHA256"]) == info.sha256
        if "MD5" in printed:
            assert normalise_hex(printed["MD5"]) == info.md5


@pytest.mark.skipif(shutil.which("jarsigner") is None, reason="no JDK jarsigner here")
def test_factory_v1_signature_verifies_with_jarsigner(tmp_path):
    for name, key in (("rsa.apk", None), ("ec.apk", signing_key("ec"))):
        data, _ = make_apk(key=key, v2=True)
        (tmp_path / name).write_bytes(data)
        result = subprocess.run(["jarsigner", "-verify", str(tmp_path / name)], capture_output=True, text=True,
                                timeout=60, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
        assert "jar verified." in result.stdout, result.stdout + result.stderr


def test_factory_is_fast_and_reproducible():
    import time

    make_apk()
    started = time.perf_counter()
    first, _ = make_apk("com.example.again", v2=True)
    assert time.perf_counter() - started < 0.5
    assert make_apk("com.example.again", v2=True)[0] == first


# ---- refusals ---------------------------------------------------------------------------------------------------------

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_every_code_has_a_chinese_message_in_the_catalogue():
    assert set(appsign.ERROR_CODES) == set(msg.SIGNING_FILE_ERRORS)
    for text in msg.SIGNING_FILE_ERRORS.values():
        assert re.search(r"[\u4e00-\u9fff]{4}", text)


def test_empty_file():
    assert refusal(b"", "a.apk").code == "signing_file_empty"


def test_too_large(monkeypatch):
    monkeypatch.setattr(appsign, "MAX_SIGNING_FILE_BYTES", 1000)
    data, _ = make_apk()
    error = refusal(data, "a.apk")
    assert error.code == "signing_file_too_large" and "KB" in error.message


def test_certificate_file_over_its_own_limit():
    assert refusal(b"-----BEGIN CERTIFICATE-----\n" + b"A" * 2_000_000, "a.pem").code == "signing_file_too_large"


def test_png_renamed_apk():
    assert refusal(PNG, "shop.apk").code == "signing_file_not_apk"


def test_text_named_pem_or_cer():
    assert refusal("这不是证书\n".encode(), "a.pem").code == "signing_file_bad_certificate"
    assert refusal(b"hello", "a.cer").code == "signing_file_bad_certificate"
    assert refusal(b"hello", "a.txt").code == "signing_file_not_apk"


def test_broken_pem_and_der():
    assert refusal(b"-----BEGIN CERTIFICATE-----\n!!notbase64!!\n-----END CERTIFICATE-----\n",
                   "a.pem").code == "signing_file_bad_certificate"
    assert refusal(b"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
                   "a.pem").code == "signing_file_bad_certificate"
    der, _ = make_certificate()
    assert refusal(der[: len(der) // 2], "a.cer").code == "signing_file_bad_certificate"
    assert refusal(b"\x30\x03\x02\x01\x01", "a.der").code == "signing_file_bad_certificate"


def test_private_keys_and_keystores_are_refused():
    pem_key = signing_key("ec").private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption())
    cert_pem, _ = make_certificate(encoding="pem")
    assert refusal(cert_pem + pem_key, "both.pem").code == "signing_file_private_key"
    assert refusal(b"\xfe\xed\xfe\xed\x00\x00\x00\x02rest", "release.jks").code == "signing_file_private_key"
    assert refusal(b"\x30\x82\x01\x00whatever", "release.bks").code == "signing_file_private_key"
    from cryptography.hazmat.primitives.serialization import pkcs12

    p12 = pkcs12.serialize_key_and_certificates(b"release", signing_key("ec"), certificate_for(signing_key("ec")),
                                                None, serialization.BestAvailableEncryption(b"secret"))
    assert refusal(p12, "renamed.cer").code == "signing_file_private_key"  # by content, not by name
    der, _ = make_certificate()
    assert read_signing_file(der, filename="odd-name.p12").md5  # a certificate is a certificate, whatever its name


def test_zip_without_a_manifest():
    assert refusal(zip_of({"readme.txt": b"hi"}), "a.apk").code == "signing_file_no_manifest"
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    assert refusal(empty.getvalue(), "a.apk").code == "signing_file_no_manifest"


def test_ipa_is_told_apart():
    data = zip_of({"Payload/Shop.app/Info.plist": b"<plist/>", "Payload/Shop.app/Shop": b"\xcf\xfa\xed\xfe"})
    assert refusal(data, "shop.ipa").code == "signing_file_ipa"


def test_unsigned_apk():
    data, _ = make_apk(v1=False, v2=False)
    assert refusal(data, "a.apk").code == "signing_file_unsigned"


@pytest.mark.parametrize("manifest", [
    b"garbage!",
    b'<?xml version="1.0"?><manifest package="com.example.shop"/>',
    axml_manifest("com.example.shop")[:200],
    axml_manifest("com.example.shop").replace("manifest".encode("utf-16-le"), "activity".encode("utf-16-le")),
    axml_manifest("com.example.shop").replace("package".encode("utf-16-le"), "pockage".encode("utf-16-le")),
    axml_manifest(""),
    axml_manifest("com.example\nshop"),
    b"\x03\x00\x08\x00\xff\xff\xff\xff",
], ids=["garbage", "text-xml", "truncated", "first-element-not-manifest", "no-package", "empty-package",
        "control-char", "size-beyond"])
def test_bad_manifest(manifest):
    data, _ = make_apk(manifest=manifest)
    assert refusal(data, "a.apk").code == "signing_file_bad_manifest"


def test_bad_v1_signature_block():
    data, _ = make_apk(v1=False, extra_entries={"META-INF/CERT.RSA": b"\x30\x80not pkcs7"})
    assert refusal(data, "a.apk").code == "signing_file_bad_signature"


def test_unreadable_v1_block_beside_a_good_v2_block_reads_v2():
    data, expected = make_apk(v1=False, v2=True, extra_entries={"META-INF/CERT.RSA": b"\x30\x80not pkcs7"})
    assert values(read_signing_file(data, filename="a.apk")) == expected


def test_bad_v2_signing_block():
    data, _ = make_apk(v1=False, v2=True)
    magic = data.index(b"APK Sig Block 42")
    size = struct.unpack_from("<Q", data, magic - 8)[0]
    start = magic + 16 - size - 8
    broken = bytearray(data)
    struct.pack_into("<Q", broken, start, size + 1)  # the two size fields disagree
    assert refusal(bytes(broken), "a.apk").code == "signing_file_bad_signature"
    broken = bytearray(data)
    signers_length_at = start + 8 + 12
    struct.pack_into("<L", broken, signers_length_at, 0x7FFFFFFF)  # a signer beyond its block
    assert refusal(bytes(broken), "a.apk").code == "signing_file_bad_signature"


def test_truncated_and_corrupt_zips():
    data, _ = make_apk()
    assert refusal(data[: len(data) // 2], "a.apk").code == "signing_file_bad_zip"
    stored = zip_of({"AndroidManifest.xml": axml_manifest("com.example.shop")}, compress=zipfile.ZIP_STORED)
    at = stored.index("com.example.shop".encode("utf-16-le"))
    flipped = stored[:at] + b"X" + stored[at + 1:]  # the CRC no longer matches
    assert refusal(flipped, "a.apk").code == "signing_file_bad_zip"


def test_duplicate_manifest_entries_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("AndroidManifest.xml", axml_manifest("com.example.one"))
        archive.writestr("AndroidManifest.xml", axml_manifest("com.example.two"))
    assert refusal(buffer.getvalue(), "a.apk").code == "signing_file_bad_zip"


def test_zip_bomb_manifest_is_refused_by_its_declared_size():
    bomb = zip_of({"AndroidManifest.xml": b"\0" * (appsign.MAX_MANIFEST_BYTES + 1)})
    assert len(bomb) < 100_000
    error = refusal(bomb, "a.apk")
    assert error.code == "signing_file_entry_too_large" and "AndroidManifest.xml" in error.message


def test_zip_bomb_that_lies_about_its_size_is_refused():
    """The directory says 100 bytes, the data inflates to 10 MB: only 100 are inflated, then the CRC fails."""
    honest = zip_of({"AndroidManifest.xml": b"\0" * 10_000_000})
    info = zipfile.ZipFile(io.BytesIO(honest)).getinfo("AndroidManifest.xml")
    lying = bytearray(honest)
    struct.pack_into("<L", lying, 22, 100)  # local header's uncompressed size
    cd = lying.index(b"PK\x01\x02")
    struct.pack_into("<L", lying, cd + 24, 100)  # central directory's uncompressed size
    assert info.file_size == 10_000_000
    assert refusal(bytes(lying), "a.apk").code == "signing_file_bad_zip"


def test_too_many_entries(monkeypatch):
    monkeypatch.setattr(appsign, "MAX_ZIP_ENTRIES", 3)
    data, _ = make_apk()
    assert refusal(data, "a.apk").code == "signing_file_too_many_entries"


def test_encrypted_entry_is_refused():
    data = bytearray(zip_of({"AndroidManifest.xml": axml_manifest("com.example.shop")}))
    struct.pack_into("<H", data, 6, 1)  # general purpose flag bit 0: encrypted
    cd = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 8, 1)
    assert refusal(bytes(data), "a.apk").code == "signing_file_bad_zip"


@pytest.mark.parametrize("seed", range(4))
def test_mutated_files_never_crash(seed):
    """Random byte damage to APKs, manifests and certificates: a value or a SigningFileError, nothing else."""
    rng = random.Random(seed)
    samples = [make_apk(v2=True)[0], make_apk(v1=False, v2=True, utf8=True)[0], make_certificate()[0],
               make_certificate(encoding="pem")[0]]
    for _ in range(150):
        data = bytearray(rng.choice(samples))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(1, len(data))]
        try:
            read_signing_file(bytes(data), filename="fuzz.apk")
        except SigningFileError as error:
            assert error.code in appsign.ERROR_CODES


def test_mutated_manifests_never_crash():
    rng = random.Random(7)
    manifest = axml_manifest("com.example.shop", utf8=True)
    for _ in range(300):
        data = bytearray(manifest)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            appsign._axml_package(bytes(data))
        except SigningFileError as error:
            assert error.code == "signing_file_bad_manifest"


# ---- compare() --------------------------------------------------------------------------------------------------------


def row_for(from_file: dict, **typed) -> dict:
    return {"platform": "android", "package_name": from_file["package_name"], "public_key": from_file["public_key"],
            "signature": from_file["md5"], "from_file": from_file, **typed}


@pytest.fixture(scope="module")
def from_apk() -> dict:
    return read_signing_file(make_apk("com.example.shop")[0], filename="a.apk").as_from_file()


def test_compare_match(from_apk):
    assert compare(row_for(from_apk)) == []
    assert compare({"platform": "android", "package_name": "x"}) == []  # nothing uploaded


def test_compare_package_differs(from_apk):
    assert compare(row_for(from_apk, package_name="com.example.other")) == ["package_name"]


def test_compare_signature_pasted_with_colons_and_line_breaks(from_apk):
    md5 = from_apk["md5"]
    pasted = ":".join(md5[i:i + 2] for i in range(0, 32, 2)).lower()
    pasted = pasted[:24] + "\r\n" + pasted[24:]
    assert compare(row_for(from_apk, signature=pasted)) == []
    assert compare(row_for(from_apk, signature=md5[:-1] + ("0" if md5[-1] != "0" else "1"))) == ["signature"]
    assert compare(row_for(from_apk, signature="")) == ["signature"]


def test_compare_ios_sha1_and_sha256(from_apk):
    ios = {**row_for(from_apk), "platform": "ios", "signature": from_apk["sha1"]}
    assert compare(ios) == []
    assert compare({**ios, "signature": " ".join(from_apk["sha256"][i:i + 4] for i in range(0, 64, 4))}) == []


def test_compare_public_key_typed_as_base64(from_apk):
    b64 = base64.b64encode(bytes.fromhex(from_apk["public_key"])).decode()
    wrapped = "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64))
    assert compare(row_for(from_apk, public_key=wrapped)) == []
    pem = f"-----BEGIN PUBLIC KEY-----\n{wrapped}\n-----END PUBLIC KEY-----\n"
    assert compare(row_for(from_apk, public_key=pem)) == []
    assert compare(row_for(from_apk, public_key=from_apk["public_key"].lower())) == []
    other = make_certificate(signing_key("ec"))[1]["public_key"]
    assert compare(row_for(from_apk, public_key=other)) == ["public_key"]


def test_compare_everything_differs_in_order(from_apk):
    ec_values = make_certificate(signing_key("ec"))[1]
    row = row_for(from_apk, package_name="a.b", public_key=ec_values["public_key"], signature=ec_values["md5"])
    assert compare(row) == ["package_name", "public_key", "signature"]


def test_ec_certificate_public_key_is_the_spki():
    info = read_signing_file(make_certificate(signing_key("ec"))[0], filename="ec.cer")
    key = serialization.load_der_public_key(bytes.fromhex(info.public_key))
    assert isinstance(key, ec.EllipticCurvePublicKey)


# ---- CLI --------------------------------------------------------------------------------------------------------------


def test_cli_prints_the_values(tmp_path, capsys):
    data, expected = make_apk("com.example.cli", v1=False, v2=True)
    (tmp_path / "app.apk").write_bytes(data)
    assert main(["appsign", str(tmp_path / "app.apk")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == set(appsign.FROM_FILE_KEYS)
    assert {key: out[key] for key in VALUE_KEYS} == expected and out["filename"] == "app.apk"


def test_cli_exit_2_with_the_code(tmp_path, capsys):
    (tmp_path / "shop.apk").write_bytes(PNG)
    assert main(["appsign", str(tmp_path / "shop.apk")]) == 2
    err = capsys.readouterr().err
    assert "signing_file_not_apk" in err and "APK" in err
    assert main(["appsign", str(tmp_path / "missing.apk")]) == 2
    assert "missing.apk" in capsys.readouterr().err


def test_file_size_is_shown_in_kb_below_a_megabyte_and_never_as_zero():
    from beian.documents.appsign import file_size

    assert file_size(2_662) == "2.6 KB"
    assert file_size(50_000) == "48.8 KB"  # the console showed 0.0 MB for a small certificate
    assert file_size(12_582_912) == "12.0 MB"
