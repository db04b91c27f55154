"""The seed sentence behind each finding code, quoted verbatim for docs/rules.md.

Issue 13: every rule in docs/rules.md quotes the help document (../shared/seeds/) it was taken
from. `QUOTES[code] = (where, quote)`: `where` names the seed and its section as in
reference.md §0 (e.g. "S3 §1.1"), `quote` is the seed's own words (trimmed, never paraphrased).
A code whose rule comes from the spec or a standard rather than a seed quotes that instead.
"""

from beian.rules.codes import Code

QUOTES: dict[Code, tuple[str, str]] = {
    Code.DOMAIN_HOLDER_MISMATCH: (
        "S3 §1.1",
        "填写的主办单位或主办人名称需要与域名持有者的实名认证信息保持一致（如姓名、证件类型、证件号码等均需一致）。",
    ),
    # Province special rules (provinces.toml `special`): no seed states them, so each quotes the row of
    # ../shared/spec/reference.md it comes from (several rows joined by " / ").
    Code.CONTACT2_SAME_AS_MOBILE: ("reference.md §1B 北京 / 吉林", "联系方式2 须≠负责人手机 (TCzt). / 联系方式2≠手机 (TCzt)."),
    Code.DOMAIN_TLD_PROVINCE_FORBIDDEN: (
        "reference.md §1B 北京 / 重庆",
        "可备案后缀白名单, .hk/.tw/.asia/.jp/.io/.me/.win/.org 不可 (TCgj, 2019). / 个人不可备案 .org (TC17).",
    ),
    Code.DOMAIN_TLD_REQUIRED_FOR_NATURE: ("reference.md §1B 内蒙古", "事业单位域名须 .cn/.公益 (HW)."),
    Code.WEBSITE_REMARK_PLEDGE_MISSING: (
        "reference.md §1B 天津",
        '个人网站备注必须写承诺语 "本网站是个人网站，不含有企业、单位等非个人网站的信息…" (QC, TC17).',
    ),
    Code.WEBSITE_REMARK_MISSING: ("reference.md §1B 山东 / 青海", "个人须备注网站大致内容 (QC). / 个人须备注网站内容 (TC17)."),
    Code.ACCESS_ONE_IP_PER_SITE: ("reference.md §1B 天津", "每站仅1个IP (QC)"),
    Code.MAILING_ADDRESS_OTHER_CITY: ("reference.md §1B 河北 / 河南", "通讯地址与证件住址不可跨市 / 通讯地址不可跨市 (HW)."),
    Code.DOMAINS_PER_ORDER_EXCEEDED: ("reference.md §1B 山西", "除变更外单订单新增域名≤3 (HW管局)"),
    Code.INDIVIDUAL_FIRST_FILING_ONE_DOMAIN: ("reference.md §1B 海南", "个人首次备案仅1个域名 (QC, HW-hn)"),
    Code.INDIVIDUAL_NOT_PROVINCE_RESIDENT: ("reference.md §1A 山西 (外省个人)", "仅本省身份证 (QC, TC17, HW)"),
    Code.FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: (
        "reference.md §1B 辽宁", "单位名含投资管理/理财/典当/担保/贷款 → 负责人须法人 (TC17)."),
    Code.SERVICE_NEEDS_PRE_APPROVAL: ("reference.md §1B 江西", "个人选 博客/个人空间 需省外宣办前置审批 (QC)."),
}
