"""The rejection-reason catalogue (reference.md §8): code -> (Chinese reason, how to fix), and which
reasons fit which field (the console offers only those, plus 其他)."""

import re

REASONS = {
    "domain_holder": ("域名实名信息与主办单位不一致或未完成实名认证", "请将域名实名信息变更为主办单位，实名信息同步需3–5个工作日"),
    "tld_not_approved": ("域名后缀或注册商未获工信部批复", "请转入获批注册商或更换域名"),
    "domain_expiring": ("域名已过期或即将过期（不足3个月）", "请续费并上传新的域名证书"),
    "site_name": ("网站名称不符合命名规范", "请按命名要求修改网站名称"),
    "personal_commercial": ("个人备案涉及企业、行业或经营性内容", "请以单位主体备案"),
    "site_open": ("备案期间域名已解析或网站已开通访问", "请在备案通过前停止解析"),
    "footer_missing": ("已备案网站无法访问、底部无备案号或内容与主体不符", "请开通网站并在底部放置备案号"),
    "pre_approval": ("涉及前置审批但未提供文件或文件过期", "请取得有效的前置审批文件"),
    "cross_province": ("跨省备案：证件地址与备案省份不一致或无居住证", "请选择正确的省份或补充居住证"),
    "not_legal_rep": ("主体负责人非法定代表人且未提供授权书", "请更换为法定代表人或上传授权书"),
    "bad_document": ("证件不合格：模糊、复印件、翻拍、水印遮挡、过期或有效期不足3个月", "请重新拍摄证件原件"),
    "registry_mismatch": ("名称、证件号或住所与国家企业信用信息公示系统不一致，或经营异常", "请按证件修改主体信息"),
    "phone": ("联系电话非本省号段、无法接通或已被其他主体使用", "请更换联系电话"),
    "face": ("人脸核验失败（与公安库不一致）", "请在光线充足时重新核验，或申请人工审核"),
    "call_failed": ("初审电话未接通", "请保持电话畅通，审核专员将再次联系"),
    "other": ("其他", "请按审核意见修改"),
}
CHOICES = [(code, text) for code, (text, _fix) in REASONS.items()]

# Field (precheck.md path with indexes dropped; principals of the subject and of websites alike) -> the
# reasons that can be about it. "other" fits every field and is always offered last.
FIELD_REASONS = {
    "region": ["cross_province"],
    "subject.nature": ["personal_commercial"],
    "subject.cert_type": ["bad_document", "registry_mismatch"],
    "subject.name": ["registry_mismatch", "domain_holder", "bad_document"],
    "subject.cert_number": ["registry_mismatch", "bad_document"],
    "subject.cert_address": ["registry_mismatch", "cross_province", "bad_document"],
    "subject.mailing_address": ["cross_province"],
    "subject.investor": ["registry_mismatch"],
    "principal.name": ["not_legal_rep", "face", "bad_document"],
    "principal.cert_type": ["bad_document"],
    "principal.cert_number": ["not_legal_rep", "face", "bad_document", "cross_province"],
    "principal.cert_valid_until": ["bad_document"],
    "principal.mobile": ["phone", "call_failed"],
    "principal.contact2": ["phone"],
    "principal.emergency_mobile": ["phone", "call_failed"],
    "website.name": ["site_name", "personal_commercial"],
    "website.domains": ["domain_holder", "tld_not_approved", "domain_expiring", "site_open", "footer_missing"],
    "website.content": ["personal_commercial", "pre_approval"],
    "website.service_type": ["personal_commercial"],
    "website.pre_approvals": ["pre_approval"],
    "website.remark": ["personal_commercial"],
}
_INDEX = re.compile(r"\[\d+\]")


def _field_key(path: str) -> str:
    generic = _INDEX.sub("", path)
    if generic.startswith("region."):
        return "region"
    for prefix in ("subject.principal.", "websites.principal."):
        if generic.startswith(prefix):
            return "principal." + generic[len(prefix):]
    if generic.startswith("websites."):
        return "website." + generic[len("websites."):].split(".")[0]
    return generic


def for_path(path: str) -> list[tuple[str, str]]:
    """The reasons offered for one field: those that fit it, then 其他."""
    codes = FIELD_REASONS.get(_field_key(path), []) + ["other"]
    return [(code, REASONS[code][0]) for code in codes]


def text(code: str, note: str = "") -> str:
    reason, fix = REASONS.get(code, REASONS["other"])
    return f"{reason}：{note}" if note else f"{reason}。{fix}。"
