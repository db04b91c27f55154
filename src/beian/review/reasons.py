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
    # APP filing (precheck.md "APP filing"): the values a reviewer compares with the store and the package.
    "app_name_store": ("APP名称与应用商店名称不一致", "请填写APP在应用商店上架的名称"),
    "app_content": ("APP服务内容与实际提供的服务不符", "请按APP实际提供的服务选择服务内容"),
    "app_package": ("包名/Bundle ID与安装包不一致", "请填写安装包中的包名（iOS为Bundle ID），或重新上传安装包"),
    "app_signature": ("签名MD5值（iOS为SHA-1证书指纹）有误", "请用 keytool -printcert 或 apksigner verify --print-certs 重新读取，或上传已签名的安装包"),
    "app_public_key": ("公钥有误", "请填写签名证书的公钥，或上传已签名的安装包"),
    "app_platform": ("平台填写有误或缺少平台", "请按APP实际发布的平台逐个填写"),
    "app_domain": ("APP域名有误、超过三级或未实名", "请填写APP实际访问的域名（最多三级）"),
    "app_principal_id": ("未上传APP负责人证件或证件不合格", "请上传APP负责人的证件原件照片"),
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
    "app.name": ["app_name_store", "personal_commercial"],
    "app.content": ["app_content", "personal_commercial", "pre_approval"],
    "app.languages": ["app_content"],
    "app.pre_approvals": ["pre_approval"],
    "app.remark": ["personal_commercial"],
    "app.domains": ["app_domain", "domain_holder", "tld_not_approved", "domain_expiring"],
    "app.access": ["app_domain"],
    "app.platforms": ["app_platform"],
    "app.platforms.platform": ["app_platform"],
    "app.platforms.package_name": ["app_package"],
    "app.platforms.public_key": ["app_public_key"],
    "app.platforms.signature": ["app_signature"],
    "app.principal": ["app_principal_id", "face"],
}
# An APP's own principal: the reasons of any principal, and the APP principal's missing ID first.
for _leaf in ("name", "cert_type", "cert_number", "cert_valid_until", "mobile", "contact2", "emergency_mobile", "email"):
    FIELD_REASONS[f"app.principal.{_leaf}"] = (
        (["app_principal_id"] if _leaf in ("name", "cert_type", "cert_number", "cert_valid_until") else [])
        + FIELD_REASONS.get(f"principal.{_leaf}", []))
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
    if generic.startswith("apps."):  # apps[0].platforms[1].signature -> app.platforms.signature
        rest = generic[len("apps."):]
        return "app." + (rest if rest.startswith(("platforms", "principal")) else rest.split(".")[0])
    return generic


def for_path(path: str) -> list[tuple[str, str]]:
    """The reasons offered for one field: those that fit it, then 其他."""
    codes = FIELD_REASONS.get(_field_key(path), []) + ["other"]
    return [(code, REASONS[code][0]) for code in codes]


def text(code: str, note: str = "") -> str:
    reason, fix = REASONS.get(code, REASONS["other"])
    return f"{reason}：{note}" if note else f"{reason}。{fix}。"
