"""The rules data loads, covers the 31 provinces, and a broken copy fails loudly at load time."""

import shutil

import pytest

from beian.rules import provinces as data


def test_31_provinces_with_sources_and_prefixes():
    assert len(data.PROVINCES) == 31
    prefixes = {p.icp_prefix for p in data.PROVINCES.values()}
    assert len(prefixes) == 31 and {"蜀", "黔", "滇", "陇"} <= prefixes
    legal = {p.short for p in data.PROVINCES.values() if p.requires_legal_representative}
    assert legal == set("宁夏 西藏 山东 广东 湖北 云南 浙江 贵州 黑龙江 陕西 内蒙古 上海 江西 湖南 天津 河南 福建 重庆".split())
    assert data.normalise_province("宁夏") == "宁夏回族自治区"
    assert data.normalise_province("香港") is None and data.normalise_province("台湾省") is None


def test_tlds_exclude_io_and_include_idn():
    assert "io" not in data.TLDS and "com" in data.TLDS and "xn--fiqs8s" in data.TLDS


@pytest.fixture
def copy_of_data(tmp_path):
    for name in ("provinces.toml", "words.toml", "tlds.toml"):
        shutil.copy(data.DATA_DIR / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('["北京市"]\nshort = "北京"', '["北京市"]\nshorty = "北京"', "unknown keys"),
        ('legal_representative = { required = true, source = "S1"', 'legal_representative = { required = true, source = " "', "source"),
        ('words = ["官网", "行业", "电商", "企业", "学院", "论坛", "商城", "团购"]', "words = []", "non-empty"),
        ('code = "65"', 'code = "64"', "duplicate province code"),
    ],
)
def test_broken_province_data_fails_loudly(copy_of_data, old, new, needle):
    path = copy_of_data / "provinces.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(data.DataError, match=needle):
        data.load_provinces(path)


def test_missing_province_fails_loudly(copy_of_data):
    path = copy_of_data / "provinces.toml"
    text = path.read_text(encoding="utf-8")
    cut = text.index('["新疆维吾尔自治区"]')
    path.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(data.DataError, match="31"):
        data.load_provinces(path)


def test_duplicate_tld_fails_loudly(copy_of_data):
    path = copy_of_data / "tlds.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"cn",', '"cn", "CN",', 1), encoding="utf-8")
    with pytest.raises(data.DataError, match="duplicate"):
        data.load_tlds(path)


def test_tldextract_is_offline(monkeypatch):
    """The public suffix list is the bundled snapshot: no network even for a fresh extractor."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    from beian.rules import domains

    domains.parse.cache_clear()
    assert domains.parse("www.example.com.cn").apex == "example.com.cn"
