import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beian.web.views import SAMPLE

pytestmark = pytest.mark.django_db


def test_get_shows_the_form(client):
    page = client.get("/precheck/")
    assert page.status_code == 200 and "开始预检" in page.content.decode()


def test_pasted_application_shows_findings_field_by_field(client):
    page = client.post("/precheck/", {"application": SAMPLE}).content.decode()
    assert "未通过" in page
    assert "主办者 · 通信地址" in page and "通信地址需详细到门牌号" in page
    assert "网站1 · 网站名称" in page and "论坛" in page
    assert "首次备案" in page and "13992943790" in page


def test_uploaded_file_works_like_pasting(client):
    good = json.loads(SAMPLE)
    good["subject"]["mailing_address"] += "26号"
    good["websites"][0]["name"] = "读书随笔记录"
    upload = SimpleUploadedFile("app.json", json.dumps(good, ensure_ascii=False).encode(), "application/json")
    page = client.post("/precheck/", {"file": upload}).content.decode()
    assert "预检通过" in page


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"application": ""}, "请粘贴备案申请"),
        ({"application": "{not json"}, "不是有效的 JSON"),
        ({"application": "[1, 2]"}, "不是有效的备案申请"),
        ({"application": json.dumps({**json.loads(SAMPLE), "subject": {**json.loads(SAMPLE)["subject"], "nature": "x"}})},
         "备案性质"),
        ({"file": SimpleUploadedFile("a.json", b"\xff\xfe\x00bad", "application/json")}, "UTF-8"),
        ({"file": SimpleUploadedFile("a.json", b" " * (600 * 1024), "application/json")}, "文件过大"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(client, data, needle):
    response = client.post("/precheck/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert needle in body
    if "application" in data and data["application"]:
        assert "{not json" in body or "nature" in body or "[1, 2]" in body


def test_sample_file_is_a_real_example():
    assert json.loads(SAMPLE)["subject"]["name"] == "孙浩"
    assert Path(__file__).exists()
