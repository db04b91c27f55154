"""Generates docs/rules.md from the code and the data, so the document cannot drift.

    python -m beian.rules.docs > docs/rules.md
"""

import sys

from beian.rules.codes import Code, severity
from beian.rules.messages import FINDINGS
from beian.rules.platform_rules import PLATFORM_RULES
from beian.rules.provinces import DATA_DIR, PROVINCES, TLDS, WORDS
from beian.rules.quotes import QUOTES

# Where each code's rule lives and where its facts come from.
RULES: dict[Code, tuple[str, str]] = {
    Code.REGION_INVALID: ("subject.py · data/provinces.toml", "precheck.md; reference.md §1"),
    Code.CERT_TYPE_NOT_ALLOWED: ("subject.py SUBJECT_CERT_TYPES", "precheck.md field notes; reference.md §3.2"),
    Code.CERT_NUMBER_INVALID: ("validators.py", "GB 32100-2015 (USCC), GB 11643 (resident ID); reference.md §6"),
    Code.CERT_NUMBER_LOWERCASE_X: ("subject.py", "S3 §1.1 (X upper-case)"),
    Code.CERT_ADDRESS_REQUIRED: ("subject.py", "S3 §1.1"),
    Code.MAILING_ADDRESS_SPECIAL_CHARS: ("subject.py", "S3 §2"),
    Code.MAILING_ADDRESS_NOT_DETAILED: ("subject.py", "S3 §2"),
    Code.INVESTOR_MISMATCH: ("subject.py", "S3 §2"),
    Code.PRINCIPAL_NOT_SUBJECT: ("subject.py", "S3 §2"),
    Code.WEBSITE_PRINCIPAL_NOT_SUBJECT: ("websites.py", "S3 §3.1"),
    Code.PRINCIPAL_ID_EXPIRING: ("subject.py", "S3 §2 (有效期大于3个月)"),
    Code.MOBILE_INVALID: ("validators.py", "reference.md §6"),
    Code.CONTACT2_REQUIRED: ("subject.py", "S3 §2"),
    Code.CONTACT2_INVALID: ("validators.py", "S3 §2 (086-022-78954**)"),
    Code.EMAIL_INVALID: ("subject.py", "precheck.md"),
    Code.SUBJECT_NOT_IN_REGISTRY: ("subject.py", "S3 §2 FAQ; reference.md §8 #12"),
    Code.SUBJECT_NAME_REGISTRY_MISMATCH: ("subject.py", "S3 §2 FAQ"),
    Code.SUBJECT_CERT_REGISTRY_MISMATCH: ("subject.py", "S3 §2 FAQ"),
    Code.SUBJECT_REGISTRY_INACTIVE: ("subject.py", "reference.md §8 #12"),
    Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: ("subject.py · data/provinces.toml legal_representative", "S1 #9"),
    Code.CERT_ORDER_IN_PROGRESS: ("filing_type.py", "S3 §1.1"),
    Code.DOMAIN_ORDER_IN_PROGRESS: ("filing_type.py", "S3 §1.1"),
    Code.DOMAIN_ALREADY_FILED: ("filing_type.py", "S3 §1.1"),
    Code.DOMAIN_FILED_BY_OTHER_SUBJECT: ("filing_type.py", "S3 §1.1; TCno"),
    Code.MIXED_FILING_TYPES: ("filing_type.py", "precheck.md"),
    Code.FILING_TYPE_MISMATCH: ("filing_type.py", "precheck.md"),
    Code.CERT_ALREADY_FILED: ("filing_type.py", "S3 §1.1"),
    Code.ACCESS_SHELL_SITE: ("filing_type.py (context.domains shell: ministry/lookup.py)", "S3 §9 (接入备案); reference.md §4"),
    Code.ACCESS_MOBILE_CHANGED: ("filing_type.py (context.domains principal_mobile_matches: ministry/lookup.py)",
                                 "S3 §9 (接入备案); reference.md §4"),
    Code.WEBSITE_REQUIRED: ("websites.py", "precheck.md"),
    Code.WEBSITE_LIMIT_EXCEEDED: ("websites.py · data/provinces.toml website_limit", "S3 §3.2"),
    Code.WEBSITE_ONE_DOMAIN: ("websites.py", "S3 §3.2; M633"),
    Code.DOMAIN_INVALID: ("domains.py", "precheck.md"),
    Code.DOMAIN_NOT_APEX: ("domains.py (tldextract bundled PSL)", "HWrules; reference.md §4"),
    Code.DOMAIN_TLD_NOT_FILEABLE: ("domains.py · data/tlds.toml", "reference.md §6"),
    Code.DOMAIN_DUPLICATE_IN_ORDER: ("websites.py", "precheck.md"),
    Code.DOMAIN_HOLDER_MISMATCH: ("websites.py", "S3 §1.1; reference.md §8 #1"),
    Code.DOMAIN_NOT_VERIFIED: ("websites.py", "reference.md §6, §8 #1"),
    Code.DOMAIN_HOLDER_CERT_MISMATCH: ("websites.py", "S3 §1.1; reference.md §3, §6, §8 #1"),
    Code.DOMAIN_EXPIRING: ("websites.py · data/provinces.toml domain_validity", "reference.md §1B 上海, §6 (QCdom)"),
    Code.DOMAIN_REGISTRAR_NOT_APPROVED: ("websites.py", "reference.md §6, §8 #2 (TCbh)"),
    Code.SITE_NAME_TOO_SHORT: ("naming.py", "S3 附录一/二"),
    Code.SITE_NAME_SPECIAL_CHARS: ("naming.py", "S3 附录一/二"),
    Code.SITE_NAME_NATIONAL_PREFIX: ("naming.py · data/words.toml national_prefixes", "S3 附录一/二"),
    Code.SITE_NAME_IS_DOMAIN: ("naming.py", "S3 附录一"),
    Code.SITE_NAME_SENSITIVE: ("naming.py · data/words.toml sensitive", "S3 附录一/二"),
    Code.SITE_NAME_PERSONAL_FORBIDDEN: ("naming.py · data/words.toml personal_forbidden", "S3 附录二"),
    Code.SITE_NAME_NEEDS_PRE_APPROVAL: ("naming.py · data/words.toml pre_approval_name", "S3 附录二; QCname"),
    Code.SITE_NAME_PROVINCE_FORBIDDEN: ("naming.py · data/provinces.toml banned_personal_words", "S3 附录二 table"),
    Code.SITE_NAME_JIANGSU_FORMAT: ("naming.py", "S3 附录二"),
    Code.WEBSITE_REMARK_REQUIRED: ("naming.py", "S3 附录二"),
    Code.SITE_NAME_UNRELATED: ("naming.py (heuristic)", "S3 §3.1"),
    Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE: ("naming.py (heuristic; not the own name in 江苏's 某某的个人博客)", "S3 附录二"),
    Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL: ("websites.py", "S3 §3.1"),
    Code.PRE_APPROVAL_MISSING: ("websites.py · data/words.toml pre_approval_content", "S3 §3.1; TCqz"),
    Code.LANGUAGE_REQUIRED: ("websites.py", "S3 §3.1"),
    Code.ACCESS_MISSING: ("websites.py", "S3 §4"),
    Code.ACCESS_IP_INVALID: ("validators.py", "S3 §4"),
    Code.APP_NAME_REQUIRED: ("apps.py", "precheck.md APP filing"),
    Code.APP_NAME_NATIONAL_PREFIX: ("apps.py · naming.py national_prefix · data/words.toml national_prefixes",
                                    "precheck.md APP filing; S3 附录一/二"),
    Code.APP_NAME_SENSITIVE: ("apps.py · naming.py sensitive_word · data/words.toml sensitive",
                              "precheck.md APP filing; S3 附录一/二"),
    Code.APP_PLATFORM_REQUIRED: ("apps.py", "precheck.md APP filing"),
    Code.APP_PACKAGE_INVALID: ("apps.py PACKAGE_PATTERNS", "precheck.md APP filing"),
    Code.APP_PACKAGE_DUPLICATE: ("apps.py", "precheck.md APP filing"),
    Code.APP_SIGNATURE_INVALID: ("apps.py SIGNATURE_LENGTHS · validators.py normalise_hex", "precheck.md APP filing"),
    Code.APP_PUBLIC_KEY_INVALID: ("apps.py public_key_ok", "precheck.md APP filing"),
    Code.APP_DOMAIN_INVALID: ("apps.py domain_level (tldextract bundled PSL)", "precheck.md APP filing"),
    Code.APP_DOMAIN_TLD_NOT_FILEABLE: ("apps.py · data/tlds.toml", "precheck.md APP filing; reference.md §6"),
    Code.MATERIAL_MISSING: ("materials.py", "S1 #3, #10"),
    Code.MATERIAL_FORMAT: ("materials.py", "S1 #10"),
    Code.MATERIAL_TOO_LARGE: ("materials.py", "S1 #10"),
    Code.MATERIAL_ASPECT_MISMATCH: ("materials.py", "S1 #10 (正反面比例1:1)"),
    Code.CONTACT2_SAME_AS_MOBILE: ("special.py · provinces.toml special contact2_not_mobile", "TCzt (reference.md §1B 北京, 吉林)"),
    Code.DOMAIN_TLD_PROVINCE_FORBIDDEN: ("special.py · provinces.toml special tld_whitelist, no_personal_org (tlds, natures)",
                                         "TCgj 2019 (北京); TC17 (重庆) — reference.md §1B"),
    Code.DOMAIN_TLD_REQUIRED_FOR_NATURE: ("special.py · provinces.toml special public_institution_domains (tlds, natures)",
                                          "HW (reference.md §1B 内蒙古)"),
    Code.WEBSITE_REMARK_PLEDGE_MISSING: ("special.py · provinces.toml special personal_remark_pledge (pledge)",
                                         "QC, TC17 (reference.md §1B 天津)"),
    Code.WEBSITE_REMARK_MISSING: ("special.py · provinces.toml special personal_remark (warning: precheck.md's "
                                  "individual-shandong example is ok with an empty remark)",
                                  "QC (山东), TC17 (青海) — reference.md §1B"),
    Code.ACCESS_ONE_IP_PER_SITE: ("special.py · provinces.toml special one_ip_per_site", "QC (reference.md §1B 天津)"),
    Code.MAILING_ADDRESS_OTHER_CITY: ("special.py city_of (heuristic: warning) · provinces.toml special address_same_city",
                                      "HW管局 (河北), HW (河南) — reference.md §1B"),
    Code.DOMAINS_PER_ORDER_EXCEEDED: ("special.py · provinces.toml special domains_per_order (limit); not for change "
                                      "orders", "HW管局 (reference.md §1B 山西)"),
    Code.INDIVIDUAL_FIRST_FILING_ONE_DOMAIN: ("special.py · provinces.toml special individual_one_domain",
                                              "QC, HW-hn (reference.md §1B 海南)"),
    Code.INDIVIDUAL_NOT_PROVINCE_RESIDENT: ("special.py · provinces.toml special resident_only (province code)",
                                            "QC, TC17, HW (reference.md §1A 山西)"),
    Code.FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: ("special.py · provinces.toml special finance_names_legal_rep "
                                                      "(words; warning: 辽宁's legal-representative rule is CONFLICT)",
                                                      "TC17 (reference.md §1B 辽宁)"),
    Code.SERVICE_NEEDS_PRE_APPROVAL: ("special.py · provinces.toml special blog_pre_approval (services)",
                                      "QC (reference.md §1B 江西)"),
}


def render() -> str:
    lines = [
        "# Rules of the precheck engine",
        "",
        "Generated by `python -m beian.rules.docs > docs/rules.md` from `src/beian/rules/` — do not edit by",
        "hand; a test fails when this file is stale. The contract is ../shared/spec/precheck.md; source keys",
        "(S0–S4, TC…, QC…, HW…) are those of ../shared/spec/reference.md §0. Codes beyond precheck.md's list",
        "are added for real rules only (precheck.md allows it) and are listed here with their own source. Every",
        "rule quotes the seed it comes from, verbatim (`rules/quotes.py`; rules the platform enforces outside",
        "the engine: `rules/platform_rules.py`, last section); a rule no seed states quotes precheck.md instead.",
        "tests/rules/test_quotes.py checks each quote against its file.",
        "",
        "## Finding codes",
        "",
        "| code | severity | rule (code · data) | source | seed (quoted) | message (template) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for code in Code:
        where, source = RULES[code]
        text = FINDINGS[code].replace("|", "\\|")
        lines.append(f"| `{code.value}` | {severity(code).value} | {where} | {source} | {_quoted(*QUOTES[code])} | {text} |")
    lines += ["", "## Provinces (`src/beian/rules/data/provinces.toml`)", "",
              "| 省 | 简称 | 代码 | 备案号前缀 | 主体负责人须为法定代表人 | 每单网站数 (个人/单位) | 个人网站禁用词 | 辅助资料 | 其他规则 |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for p in PROVINCES.values():
        prefix = "/".join((p.icp_prefix, *p.icp_prefix_variants))
        legal = ("是" if p.requires_legal_representative else "否") + f" ({p.legal_representative_source.source}, {p.legal_representative_source.effective})"
        if p.note:
            legal += f"; {p.note}"
        limit = f"{p.limit_individual}/{p.limit_unit} ({p.limit_source.source})" if p.limit_source else "不限"
        banned = f"{len(p.banned_personal_words)} 个 ({p.banned_source.source})" if p.banned_source else "—"
        aux = "; ".join(f"{a.kind} when {a.when} ({a.source})" for a in p.auxiliary) or "—"
        special = "; ".join(f"{s['id']} ({s['source']}, {s['effective']})" for s in p.special) or "—"
        lines.append(f"| {p.name} | {p.short} | {p.code} | {prefix} | {legal} | {limit} | {banned} | {aux} | {special} |")
    validity = [f"{p.short} {p.domain_validity_days} 天 ({p.domain_validity_source.source}, {p.domain_validity_source.effective})"
                for p in PROVINCES.values() if p.domain_validity_days]
    lines += ["", f"Domain validity (`domain_validity`, DOMAIN_EXPIRING): {'; '.join(validity) or '—'}; elsewhere "
              "3 个月 (precheck.md)."]
    lines += _special_section()
    lines += ["", "## Word lists (`src/beian/rules/data/words.toml`)", ""]
    for key, words in WORDS.items():
        if key != "national_prefix_exempt_natures":
            lines.append(f"- `{key}`: {'、'.join(words)}")
    lines += ["", f"## Approved TLDs (`src/beian/rules/data/tlds.toml`, {len(TLDS)} entries)", "",
              ", ".join(sorted(TLDS)), "", f"Data directory: `{DATA_DIR.relative_to(DATA_DIR.parents[2])}`.", ""]
    lines += _app_section()
    lines += _platform_section()
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*")


def _quoted(where: str, quote: str) -> str:
    return f"{_cell(where)}: “{_cell(quote)}”"


def _app_section() -> list[str]:
    """Issue 17: how the engine reads an APP (precheck.md "APP filing"), from rules/apps.py's constants."""
    from beian.rules.apps import MAX_DOMAIN_LEVEL, PACKAGE_PATTERNS, SIGNATURE_LENGTHS
    from beian.rules.messages import PACKAGE_LABELS, PLATFORMS

    lines = ["## APP filing (`src/beian/rules/apps.py`)", "",
             "An application carries `websites`, `apps` or both (`apps` absent = []). Per platform row:", "",
             "| platform | 平台 | package field | package pattern | signature (hex digits; colons, spaces, case ignored) |",
             "| --- | --- | --- | --- | --- |"]
    for platform, label in PLATFORMS.items():
        pattern = PACKAGE_PATTERNS[platform][0].pattern
        lengths = " / ".join(str(n) for n in SIGNATURE_LENGTHS[platform])
        lines.append(f"| `{platform}` | {label} | {PACKAGE_LABELS[platform]} | `{_cell(pattern)}` | {lengths} |")
    lines += [
        "",
        "- `public_key`: hex (whole bytes; colons, spaces, line breaks ignored) or base64 (a PEM body; armour lines "
        "allowed); `from_file` (an uploaded APK's values, documents/appsign.py) is not read by the engine.",
        f"- `domains`: any number, valid domain names up to level {MAX_DOMAIN_LEVEL} counted from the registrable "
        "domain (tldextract's bundled public suffix list: `example.com` and `example.com.cn` are 一级, "
        "`a.b.example.com` 三级); approved TLDs as for websites; not looked up in `context.domains`.",
        "- Name: APP_NAME_REQUIRED, APP_NAME_NATIONAL_PREFIX, APP_NAME_SENSITIVE only (an APP's name is its store "
        "name, which may be Latin); no other SITE_NAME_* rule, no 江苏 rule.",
        "- Shared with websites, at `apps[i]` paths (websites.py check_service): CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, "
        "PRE_APPROVAL_MISSING, LANGUAGE_REQUIRED, ACCESS_MISSING, ACCESS_IP_INVALID, WEBSITE_PRINCIPAL_NOT_SUBJECT, "
        "and every principal rule for an APP's own principal (CERT_*, MOBILE_INVALID, CONTACT2_*, EMAIL_INVALID, "
        "PRINCIPAL_ID_EXPIRING, and the province rule CONTACT2_SAME_AS_MOBILE).",
        "- Filing type: each APP counts as an unfiled website (APP-only for a filed subject: `new_site_here` / "
        "`new_site_elsewhere`; with a website filed elsewhere: MIXED_FILING_TYPES). WEBSITE_REQUIRED only when "
        "there is neither a website nor an APP; APPs do not count towards WEBSITE_LIMIT_EXCEEDED, nor towards the "
        "province rules on websites and domains (remarks, IPs, domain counts, TLD lists).",
        "- `sms_targets`: subject principal (首次备案), website principals, then APP principals, each mobile once. "
        "Required materials: an APP principal's ID as a website principal's (owner `apps[i].principal`); a "
        "principal shared by a website and an APP files once, under the first website, else the first APP.",
        "",
    ]
    return lines


def _platform_section() -> list[str]:
    lines = ["## Platform rules (outside the engine)", "",
             "From `src/beian/rules/platform_rules.py`: what the order lifecycle, the face check, the reviewer",
             "console, the ministry adapter and the notifications enforce, each with the seed it comes from.",
             "\"planned (issue 13 item N)\" marks what is not built yet.", "",
             "| rule | what beian does | where in the code | seed (quoted) |",
             "| --- | --- | --- | --- |"]
    for rule in PLATFORM_RULES:
        lines.append(f"| `{rule.id}` | {_cell(rule.does)} | {_cell(rule.code)} | {_quoted(rule.where, rule.quote)} |")
    return lines + [""]


def _special_section() -> list[str]:
    """Issue 13: each province `special` rule and what beian does with it (rules/special.py)."""
    from beian.rules.special import what_beian_does

    lines = ["", "## Province special rules (`special` in provinces.toml)", "",
             "Each rule is a check (finding codes above), enforced by the platform, or shown as an instruction "
             "at the wizard steps named and in the reviewer console, for the orders where `when` holds "
             "(rules/special.py WHEN). The codes that only these rules raise (CONTACT2_SAME_AS_MOBILE and the "
             "others after MATERIAL_ASPECT_MISMATCH above) go beyond precheck.md's list; each quotes the "
             "reference.md row it comes from (rules/quotes.py).", "",
             "| 省 | id | rule | what beian does | source |", "| --- | --- | --- | --- | --- |"]
    for p in PROVINCES.values():
        for rule in p.special:
            text = rule["text"].replace("|", "\\|")
            lines.append(f"| {p.short} | `{rule['id']}` | {text} | {what_beian_does(rule)} | "
                         f"{rule['source']}, {rule['effective']} |")
    return lines


if __name__ == "__main__":
    sys.stdout.write(render())
