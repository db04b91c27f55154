"""Domain real-name rules (issue 13 #3, precheck.md "Websites and domains"): the holder's name and
certificate number, the registration's expiry (3 calendar months; 上海 180 days, from provinces.toml), the
registrar's MIIT approval. A domain `context.domains` does not know gives no holder finding."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beian.rules import ApplicationError, precheck
from beian.rules import provinces as data

from .support import build, codes, enterprise

ROOT = Path(__file__).resolve().parents[2]
REAL_NAME_CODES = {"DOMAIN_HOLDER_MISMATCH", "DOMAIN_NOT_VERIFIED", "DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_EXPIRING",
                   "DOMAIN_REGISTRAR_NOT_APPROVED"}
BAD_FACTS = {"holder_name": "王五", "holder_verified": False, "holder_cert_number": "110105194912310029",
             "expires": "2026-12-01", "registrar_approved": False}


def _facts(**info):
    def edit(app):
        app["context"]["domains"]["example.com"].update(info)
    return edit


def test_every_real_name_code_is_reported_at_the_domain_and_none_suppresses_another():
    result = precheck(build(enterprise, _facts(**BAD_FACTS)))
    found = {f["code"]: f for f in result["findings"] if f["code"] in REAL_NAME_CODES}
    assert set(found) == REAL_NAME_CODES
    assert {f["path"] for f in found.values()} == {"websites[0].domains[0]"}
    assert all(f["severity"] == "error" for f in found.values()) and result["ok"] is False


def test_a_domain_the_context_does_not_know_gives_no_holder_finding():
    def unknown(app):
        app["context"]["domains"] = {"other-domain.com": dict(BAD_FACTS)}

    assert not codes(precheck(build(enterprise, unknown))) & REAL_NAME_CODES


def test_the_context_is_keyed_by_the_normalised_domain():
    def typed_in_capitals(app):
        app["websites"][0]["domains"] = ["EXAMPLE.com"]

    assert codes(precheck(build(enterprise, typed_in_capitals, _facts(registrar_approved=False)))) >= {
        "DOMAIN_REGISTRAR_NOT_APPROVED"}


@pytest.mark.parametrize(("province", "needles"), [("浙江省", ("3个月", "2026-12-01")),
                                                   ("上海市", ("上海管局", "180天", "2026-12-01"))])
def test_the_expiry_message_says_the_period_that_applies_and_the_date(province, needles):
    result = precheck(build(enterprise, ("region.province", province), _facts(expires="2026-12-01")))
    message = next(f["message"] for f in result["findings"] if f["code"] == "DOMAIN_EXPIRING")
    assert all(n in message for n in needles), message


def test_messages_say_what_to_do():
    result = precheck(build(enterprise, _facts(**BAD_FACTS)))
    messages = {f["code"]: f["message"] for f in result["findings"]}
    assert "续费" in messages["DOMAIN_EXPIRING"]
    assert "工信部" in messages["DOMAIN_REGISTRAR_NOT_APPROVED"] and "转入" in messages["DOMAIN_REGISTRAR_NOT_APPROVED"]
    assert "证件号码" in messages["DOMAIN_HOLDER_CERT_MISMATCH"]
    # The holder's certificate number is personal data: never quoted back.
    assert BAD_FACTS["holder_cert_number"] not in json.dumps(result, ensure_ascii=False)


def test_shanghai_period_is_province_data():
    periods = {p.short: p.domain_validity_days for p in data.PROVINCES.values() if p.domain_validity_days}
    assert periods == {"上海": 180}
    assert data.PROVINCES["上海市"].domain_validity_source.source == "QCdom"


@pytest.mark.parametrize(("new", "needle"), [("days = 0", "positive"), ('days = "180"', "positive"),
                                             ('days = 180, source = ""', "source")])
def test_broken_domain_validity_data_fails_loudly(tmp_path, new, needle):
    text = (data.DATA_DIR / "provinces.toml").read_text(encoding="utf-8")
    old = 'days = 180, source = "QCdom"'
    assert old in text
    path = tmp_path / "provinces.toml"
    path.write_text(text.replace(old, new if "source" in new else new + ', source = "QCdom"', 1), encoding="utf-8")
    with pytest.raises(data.DataError, match=needle):
        data.load_provinces(path)


def _in_context(key, value):
    def edit(app):
        app["context"]["domains"]["example.com"][key] = value
    return edit


@pytest.mark.parametrize(
    ("key", "value"),
    [("holder_cert_number", 91330106), ("expires", "next year"), ("expires", 20271101), ("expires", "2027-02-30"),
     ("registrar_approved", "no"), ("registrar_approved", 0)],
)
def test_wrong_types_in_the_new_context_fields_are_input_errors(key, value):
    with pytest.raises(ApplicationError) as info:
        precheck(build(enterprise, _in_context(key, value)))
    assert info.value.path == f"context.domains['example.com'].{key}"


def _cli(stdin: str):
    return subprocess.run([sys.executable, "-m", "beian", "precheck", "-"], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def test_cli_reports_the_new_domain_codes_and_refuses_a_bad_field():
    proc = _cli(json.dumps(build(enterprise, ("region.province", "上海市"), _facts(
        holder_cert_number="91310115MA4U2WB18C", expires="2027-05-01", registrar_approved=False))))
    assert proc.returncode == 1, proc.stderr
    assert codes(json.loads(proc.stdout)) >= {"DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_EXPIRING",
                                              "DOMAIN_REGISTRAR_NOT_APPROVED"}
    valid = _cli(json.dumps(build(enterprise, _facts(holder_cert_number="91330106MA2GL0XX7U", expires="2028-01-01",
                                                     registrar_approved=True))))
    assert valid.returncode == 0 and json.loads(valid.stdout)["ok"] is True
    bad = _cli(json.dumps(build(enterprise, _facts(expires="soon"))))
    assert bad.returncode == 2 and bad.stdout == "" and "context.domains['example.com'].expires" in bad.stderr
