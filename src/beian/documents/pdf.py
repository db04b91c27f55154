"""Per-order templates the applicant prints, signs/stamps and photographs: 授权书 (authorisation letter)
and 网站建设方案书 (site construction plan), filled in from the order, as PDF with Chinese text
(Debian's fonts-noto-cjk; embedded subset, so the PDF opens anywhere)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from beian.documents import messages as msg
from beian.documents.synthetic import FONT_CANDIDATES, SC_INDEX, FontMissing

TEMPLATES = {"authorization_letter": "授权书", "site_plan": "网站建设方案书"}


def order_templates(order) -> list[dict]:
    return [{"kind": kind, "label": label, "url": reverse("documents:template", args=[order.pk, kind])}
            for kind, label in TEMPLATES.items()]


def _pdf():
    from pathlib import Path

    from fpdf import FPDF

    font = next((p for p in FONT_CANDIDATES if Path(p).exists()), None)
    if font is None:
        raise FontMissing(msg.FONT_MISSING)
    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=font, collection_font_number=SC_INDEX)
    pdf.set_font("cjk", size=12)
    pdf.set_margins(22, 22)
    pdf.add_page()
    return pdf


def _paragraphs(pdf, title: str, lines: list[str]) -> bytes:
    pdf.set_font_size(20)
    pdf.cell(0, 14, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font_size(12)
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def render_template(order, kind: str, *, today: date | None = None) -> bytes:
    title, lines = template_text(order, kind, today=today)
    return _paragraphs(_pdf(), title, lines)


def template_text(order, kind: str, *, today: date | None = None) -> tuple[str, list[str]]:
    """The template's title and paragraphs, filled in from the order (what the PDF prints)."""
    app = order.application or {}
    subject = app.get("subject") or {}
    principal = subject.get("principal") or {}
    websites = app.get("websites") or []
    today = today or date.today()
    if kind == "authorization_letter":
        names = "、".join(w.get("name", "") for w in websites) or "（网站名称）"
        lines = [
            f"授权单位（主办单位）：{subject.get('name') or '（主办单位名称）'}",
            f"统一社会信用代码/证件号码：{subject.get('cert_number') or ''}",
            f"被授权人（网站负责人）：{(websites[0].get('principal') or principal).get('name', '') if websites else principal.get('name', '')}",
            f"兹授权上述被授权人作为本单位网站“{names}”的网站负责人，负责办理该网站的ICP备案及后续变更、注销等相关事宜，"
            "并对网站内容负责。本单位对被授权人在授权范围内的行为承担相应责任。",
            f"备案订单：{order.reference}",
            "授权单位（盖章）：", "法定代表人（签字）：", f"日期：{today.year} 年 {today.month} 月 {today.day} 日",
        ]
        return "网站负责人授权书", lines
    if kind == "site_plan":
        lines = [f"主办单位：{subject.get('name') or ''}", f"备案订单：{order.reference}"]
        province_plan = _province_site_plan(app)
        for i, website in enumerate(websites, 1):
            lines += [f"{i}. 网站名称：{website.get('name', '')}", f"   域名：{'、'.join(website.get('domains') or [])}",
                      f"   网站内容：{website.get('content', '')}；服务类型：{website.get('service_type', '')}"]
            if province_plan is None:
                lines += ["   建设目的与主要栏目：（请填写）", "   信息安全管理制度与技术措施：（请填写）"]
        if province_plan is not None:
            lines += _province_sections(province_plan, individual=subject.get("nature") == "individual",
                                        subject_name=subject.get("name") or "")
        if subject.get("nature") == "individual":
            lines += ["网站负责人（签字）：", f"日期：{today.year} 年 {today.month} 月 {today.day} 日"]
        elif province_plan is not None:
            lines += ["网站负责人（签字）：", "主办单位（盖章）：", f"日期：{today.year} 年 {today.month} 月 {today.day} 日"]
        else:
            lines += ["主办单位（盖章）：", f"日期：{today.year} 年 {today.month} 月 {today.day} 日"]
        if province_plan is not None:
            lines.append(msg.SITE_PLAN_SUBMIT.format(rule=province_plan["text"], name=subject.get("name") or "主办单位全称"))
        return "网站建设方案书", lines
    raise KeyError(kind)


def _province_site_plan(application: dict) -> dict | None:
    """The province rule that prescribes the 网站建设方案书's sections (provinces.toml special `sections`)."""
    from beian.rules.provinces import PROVINCES, normalise_province

    province = PROVINCES.get(normalise_province(((application.get("region") or {}).get("province")) or "") or "")
    return next((rule for rule in province.special if rule.get("sections")), None) if province else None


def _province_sections(rule: dict, *, individual: bool, subject_name: str) -> list[str]:
    numbers = "一二三四五六七八九十"
    lines = []
    for n, section in enumerate(rule["sections"]):
        lines.append(f"{numbers[n % 10]}、{section['title']}")
        if section.get("pledge"):
            who = f"本人（{subject_name}）" if individual else f"本单位（{subject_name}）"
            lines.append(f"   {who}{section['pledge']}")
        else:
            lines.append(f"   （{section['hint']}）")
            lines.append("   （请填写）")
    return lines
