"""Data keys: a malformed, wrong or missing key is a clear error at start-up, never garbage or a silent miss."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from beian.filings.models import Order
from beian.filings.services import create_order
from beian.pii import crypto, keys
from beian.pii.crypto import DataKeyError
from beian.pii.keys import DataKeyConfigError
from beian.pii.models import DataKey
from beian.pii.services import verify_keys
from tests.pii.support import account, person_application

K1, K2 = ("k1", b"\x01" * 32), ("k2", b"\x02" * 32)
OTHER_K1 = ("k1", b"\x09" * 32)
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value, detail", [
    ("", "没有密钥"),
    ("AAAA", "缺少"),
    ("k 1:" + keys.new_key("x").split(":")[1], "只能由"),
    ("k1:not base64!", "不是有效的 base64"),
    ("k1:c2hvcnQ=", "应为 32 字节"),
    (keys.new_key("k1") + "," + keys.new_key("k1"), "重复"),
], ids=["empty", "no-key-id", "bad-key-id", "bad-base64", "short", "duplicate"])  # fixed ids: xdist workers collect alike
def test_a_malformed_key_setting_is_refused_naming_the_setting(tmp_path, value, detail):
    with pytest.raises(DataKeyConfigError) as error:
        keys.configured(tmp_path, environ={"BEIAN_DATA_KEYS": value})
    assert "BEIAN_DATA_KEYS" in str(error.value) and detail in str(error.value)
    assert not (tmp_path / "data_keys").exists()  # a configured setting never falls back to the demo file


def test_without_the_setting_a_demo_key_is_made_once_and_kept(tmp_path):
    first, source = keys.configured(tmp_path, environ={})
    assert source == str(tmp_path / "data_keys") and len(first) == 1 and len(first[0][1]) == 32
    assert stat.S_IMODE(os.stat(tmp_path / "data_keys").st_mode) == 0o600
    assert keys.configured(tmp_path, environ={})[0] == first
    assert keys.configured(tmp_path, environ={"BEIAN_DATA_KEYS": keys.format_keys([K2, K1])})[0] == [K2, K1]


@pytest.mark.django_db
def test_reading_with_the_wrong_key_is_an_error_not_garbage(settings):
    settings.DATA_KEYS = [K1]
    order = create_order(account=account(), application=person_application())
    settings.DATA_KEYS = [OTHER_K1]
    with pytest.raises(DataKeyError, match="k1 无法解密"):
        Order.objects.get(pk=order.pk)
    settings.DATA_KEYS = [K2]
    with pytest.raises(DataKeyError, match="没有这个密钥"):
        Order.objects.get(pk=order.pk)
    settings.DATA_KEYS = [K2, K1]
    assert Order.objects.get(pk=order.pk).application["subject"]["principal"]["mobile"] == "13912345678"


def test_a_damaged_ciphertext_is_an_error(settings):
    settings.DATA_KEYS = [K1]
    sealed = crypto.seal_text("13912345678")
    damaged = sealed[:-6] + ("AAAAAA" if not sealed.endswith("AAAAAA") else "BBBBBB")
    with pytest.raises(DataKeyError, match="格式错误"):
        crypto.open_text(damaged)
    with pytest.raises(DataKeyError):
        crypto.open_bytes(crypto.seal_bytes(b"photo")[:-1])


@pytest.mark.django_db
def test_start_up_check_refuses_a_key_that_is_not_the_one_the_data_was_written_with(settings):
    settings.DATA_KEYS = [K1]
    verify_keys()  # records k1's fingerprint
    assert DataKey.objects.get(kid="k1").fingerprint == crypto.keyring().fingerprint("k1")
    settings.DATA_KEYS = [OTHER_K1]
    with pytest.raises(DataKeyError, match="BEIAN_DATA_KEYS 中的密钥 k1 与此数据库记录的密钥 k1 不同"):
        verify_keys()
    with pytest.raises(SystemCheckError, match="pii.E001"):
        call_command("check", databases=["default"])
    settings.DATA_KEYS = [K2]  # k1 dropped while data may still need it
    with pytest.raises(DataKeyError, match="仍可能由密钥 k1 加密"):
        verify_keys()
    settings.DATA_KEYS = [K2, K1]
    verify_keys()


def test_the_web_server_does_not_start_with_a_wrong_key(tmp_path):
    """beian.wsgi (what granian loads) checks the keys at import: the process exits with the reason."""
    env = {**os.environ, "BEIAN_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "PYTHONPATH": str(ROOT / "src"), "DJANGO_SETTINGS_MODULE": "beian.settings",
           "BEIAN_DATA_KEYS": keys.format_keys([K1])}

    def run(*args, **extra):
        return subprocess.run([sys.executable, *args], env={**env, **extra}, capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)

    assert run("-m", "beian", "manage", "migrate", "pii", "-v0").returncode == 0
    assert run("-c", "import beian.wsgi").returncode == 0  # records k1
    wrong = run("-c", "import beian.wsgi", BEIAN_DATA_KEYS=keys.format_keys([OTHER_K1]))
    assert wrong.returncode != 0 and "BEIAN_DATA_KEYS 中的密钥 k1" in wrong.stderr
    missing = run("-c", "import beian.wsgi", BEIAN_DATA_KEYS=keys.format_keys([K2]))
    assert missing.returncode != 0 and "仍可能由密钥 k1 加密" in missing.stderr
    malformed = run("-c", "import beian.wsgi", BEIAN_DATA_KEYS="k1:c2hvcnQ=")
    assert malformed.returncode != 0 and "BEIAN_DATA_KEYS 格式错误" in malformed.stderr
