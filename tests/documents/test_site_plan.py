"""Issue 13 item 5: the 湖南 网站建设方案书 template has the sections seed 003 §3.2 asks for (组网方案, 违规承诺 …)
and says how it reaches the 管局; other provinces keep the general template."""

import copy
from types import SimpleNamespace

import pytest

from beian.documents.pdf import render_template, template_text
from tests.rules.support import enterprise, individual

PLEDGE = ("承诺备案成功后如发现主体信息有误、网站实际开办内容与备案信息不一致、域名有交易行为、网站内容涉及九不准等违法违规问题，"
          "自愿接受接入服务商关闭网站、主管部门注销备案并列入黑名单的处罚。")


def _order(base, province):
    app = copy.deepcopy(base())
    app["region"]["province"] = province
    return SimpleNamespace(application=app, reference="BA20261130000001")


def test_hunan_site_plan_has_the_seed_sections_and_the_mail_in():
    title, lines = template_text(_order(enterprise, "湖南"), "site_plan")
    text = "\n".join(lines)
    assert title == "网站建设方案书"
    for section in ("一、网站服务内容介绍", "二、组网方案", "三、网络安全与信息安全管理制度", "四、违规承诺"):
        assert section in lines, section
    assert "设备配置、组网结构、使用技术及部署情况" in text
    assert f"本单位（杭州示例科技有限公司）{PLEDGE}" in text
    assert "网站负责人（签字）：" in lines and "主办单位（盖章）：" in lines
    assert "hunanbeian@xca.gov.cn" in text and "杭州示例科技有限公司.pdf" in text


def test_hunan_individual_signs_only():
    _, lines = template_text(_order(individual, "湖南省"), "site_plan")
    assert "四、违规承诺" in lines and f"   本人（孙浩）{PLEDGE}" in lines
    assert "主办单位（盖章）：" not in lines and "网站负责人（签字）：" in lines


def test_other_provinces_keep_the_general_site_plan():
    _, lines = template_text(_order(enterprise, "浙江省"), "site_plan")
    text = "\n".join(lines)
    assert "组网方案" not in text and "违规承诺" not in text and "hunanbeian" not in text
    assert "   建设目的与主要栏目：（请填写）" in lines


def test_hunan_site_plan_renders_as_pdf():
    pytest.importorskip("fpdf")
    assert render_template(_order(enterprise, "湖南省"), "site_plan")[:4] == b"%PDF"
