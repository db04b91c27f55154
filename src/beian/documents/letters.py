"""The written application to the 管局 for an offline 注销 (seed 003 §9: "需向备案所在地的通信管理局提交书面申请，
进行线下注销"), as a PDF the applicant prints, signs or stamps and sends. The seed names the document and where it
goes, not its form: the paragraphs are the platform's draft (docs/decisions.md)."""

from __future__ import annotations

from datetime import date

from beian.documents import messages as msg
from beian.documents.pdf import _paragraphs, _pdf
from beian.rules.provinces import PROVINCES


def bureau_of(number: str) -> str | None:
    """The 通信管理局 of the province a filing number belongs to ("浙ICP备…" → 浙江省通信管理局)."""
    for province in PROVINCES.values():
        prefixes = (province.icp_prefix, *province.icp_prefix_variants)
        if any(number.startswith(f"{p}ICP备") for p in prefixes if p):
            return f"{province.name}通信管理局"
    return None


def deregistration_letter(fields: dict, *, today: date | None = None) -> tuple[str, list[str]]:
    """Title and paragraphs from the offline page's fields (applicant, applicant_cert, contact, contact_mobile,
    number, subject_name, domains, reason, detail)."""
    today = today or date.today()
    lines = [msg.LETTER_TO.format(bureau=bureau_of(fields["number"]) or msg.LETTER_BUREAU_UNKNOWN),
             msg.LETTER_INTRO.format(applicant=fields["applicant"], cert=fields.get("applicant_cert") or "—"),
             msg.LETTER_NUMBER.format(number=fields["number"])]
    if fields.get("subject_name"):
        lines.append(msg.LETTER_SUBJECT.format(name=fields["subject_name"]))
    if fields.get("domains"):
        lines.append(msg.LETTER_DOMAINS.format(domains="、".join(fields["domains"])))
    lines.append(msg.LETTER_REASONS[fields["reason"]])
    if fields.get("detail"):
        lines.append(msg.LETTER_DETAIL.format(detail=fields["detail"]))
    lines.append(msg.LETTER_ATTACHMENTS + (msg.LETTER_ATTACHMENT_DOMAIN if fields["reason"] == "other_unit" else "") + "。")
    lines += [msg.LETTER_CONTACT.format(contact=fields.get("contact") or "", mobile=fields.get("contact_mobile") or ""),
              msg.LETTER_SIGN, msg.LETTER_DATE.format(year=today.year, month=today.month, day=today.day)]
    return msg.LETTER_TITLE, lines


def render_deregistration_letter(fields: dict, *, today: date | None = None) -> bytes:
    title, lines = deregistration_letter(fields, today=today)
    return _paragraphs(_pdf(), title, lines)
