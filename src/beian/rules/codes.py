"""Finding codes: a public API (precheck.md). Never rename one; add new ones only for real rules."""

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    # Subject
    REGION_INVALID = "REGION_INVALID"  # province not one of the 31 mainland provinces
    CERT_TYPE_NOT_ALLOWED = "CERT_TYPE_NOT_ALLOWED"  # cert type not allowed for the nature / for a principal
    CERT_NUMBER_INVALID = "CERT_NUMBER_INVALID"  # USCC or resident ID fails its format/check character
    CERT_NUMBER_LOWERCASE_X = "CERT_NUMBER_LOWERCASE_X"  # resident ID ends in a lower-case x
    CERT_ADDRESS_REQUIRED = "CERT_ADDRESS_REQUIRED"  # empty 证件住所
    MAILING_ADDRESS_SPECIAL_CHARS = "MAILING_ADDRESS_SPECIAL_CHARS"  # 通信地址 has a disallowed character
    MAILING_ADDRESS_NOT_DETAILED = "MAILING_ADDRESS_NOT_DETAILED"  # no house number and no 最详细 remark
    INVESTOR_MISMATCH = "INVESTOR_MISMATCH"  # individual whose 投资人 is not the subject
    PRINCIPAL_NOT_SUBJECT = "PRINCIPAL_NOT_SUBJECT"  # individual whose principal is someone else
    WEBSITE_PRINCIPAL_NOT_SUBJECT = "WEBSITE_PRINCIPAL_NOT_SUBJECT"  # individual with another website principal
    PRINCIPAL_ID_EXPIRING = "PRINCIPAL_ID_EXPIRING"  # resident ID valid for 3 months or less
    MOBILE_INVALID = "MOBILE_INVALID"  # mobile / emergency mobile not 1[3-9] + 9 digits
    CONTACT2_REQUIRED = "CONTACT2_REQUIRED"  # unit principal without 联系方式2
    CONTACT2_INVALID = "CONTACT2_INVALID"  # 联系方式2 neither a mobile nor 086-area-number[-ext]
    EMAIL_INVALID = "EMAIL_INVALID"
    SUBJECT_NOT_IN_REGISTRY = "SUBJECT_NOT_IN_REGISTRY"  # unit looked up in 工商库 and not found
    SUBJECT_NAME_REGISTRY_MISMATCH = "SUBJECT_NAME_REGISTRY_MISMATCH"
    SUBJECT_CERT_REGISTRY_MISMATCH = "SUBJECT_CERT_REGISTRY_MISMATCH"
    SUBJECT_REGISTRY_INACTIVE = "SUBJECT_REGISTRY_INACTIVE"  # 注销 or 吊销
    PRINCIPAL_NOT_LEGAL_REPRESENTATIVE = "PRINCIPAL_NOT_LEGAL_REPRESENTATIVE"
    # Filing type
    CERT_ORDER_IN_PROGRESS = "CERT_ORDER_IN_PROGRESS"
    DOMAIN_ORDER_IN_PROGRESS = "DOMAIN_ORDER_IN_PROGRESS"
    DOMAIN_ALREADY_FILED = "DOMAIN_ALREADY_FILED"
    DOMAIN_FILED_BY_OTHER_SUBJECT = "DOMAIN_FILED_BY_OTHER_SUBJECT"
    MIXED_FILING_TYPES = "MIXED_FILING_TYPES"
    FILING_TYPE_MISMATCH = "FILING_TYPE_MISMATCH"
    CERT_ALREADY_FILED = "CERT_ALREADY_FILED"
    # 接入备案 (seed 003 §9): the ministry's facts about the filed website (context.domains `shell`,
    # `principal_mobile_matches`), found only when the type is `access`
    ACCESS_SHELL_SITE = "ACCESS_SHELL_SITE"  # the filed website has no access provider (空壳网站)
    ACCESS_MOBILE_CHANGED = "ACCESS_MOBILE_CHANGED"  # website principal's mobile is not the filed one
    # Websites and domains
    WEBSITE_REQUIRED = "WEBSITE_REQUIRED"
    WEBSITE_LIMIT_EXCEEDED = "WEBSITE_LIMIT_EXCEEDED"
    WEBSITE_ONE_DOMAIN = "WEBSITE_ONE_DOMAIN"
    DOMAIN_INVALID = "DOMAIN_INVALID"
    DOMAIN_NOT_APEX = "DOMAIN_NOT_APEX"
    DOMAIN_TLD_NOT_FILEABLE = "DOMAIN_TLD_NOT_FILEABLE"
    DOMAIN_DUPLICATE_IN_ORDER = "DOMAIN_DUPLICATE_IN_ORDER"
    DOMAIN_HOLDER_MISMATCH = "DOMAIN_HOLDER_MISMATCH"
    DOMAIN_NOT_VERIFIED = "DOMAIN_NOT_VERIFIED"
    # Domain real-name (issue 13 #3): the registry's facts in context.domains
    DOMAIN_HOLDER_CERT_MISMATCH = "DOMAIN_HOLDER_CERT_MISMATCH"  # real-name 证件号码 is not the subject's
    DOMAIN_EXPIRING = "DOMAIN_EXPIRING"  # registration ends within 3 months (上海: 180 days)
    DOMAIN_REGISTRAR_NOT_APPROVED = "DOMAIN_REGISTRAR_NOT_APPROVED"  # registrar without MIIT approval (e.g. overseas)
    SITE_NAME_TOO_SHORT = "SITE_NAME_TOO_SHORT"
    SITE_NAME_SPECIAL_CHARS = "SITE_NAME_SPECIAL_CHARS"
    SITE_NAME_NATIONAL_PREFIX = "SITE_NAME_NATIONAL_PREFIX"
    SITE_NAME_IS_DOMAIN = "SITE_NAME_IS_DOMAIN"
    SITE_NAME_SENSITIVE = "SITE_NAME_SENSITIVE"
    SITE_NAME_PERSONAL_FORBIDDEN = "SITE_NAME_PERSONAL_FORBIDDEN"
    SITE_NAME_NEEDS_PRE_APPROVAL = "SITE_NAME_NEEDS_PRE_APPROVAL"
    SITE_NAME_PROVINCE_FORBIDDEN = "SITE_NAME_PROVINCE_FORBIDDEN"
    SITE_NAME_JIANGSU_FORMAT = "SITE_NAME_JIANGSU_FORMAT"
    WEBSITE_REMARK_REQUIRED = "WEBSITE_REMARK_REQUIRED"
    SITE_NAME_UNRELATED = "SITE_NAME_UNRELATED"  # warning for the reviewer
    SITE_NAME_MAY_BE_PERSON_OR_PLACE = "SITE_NAME_MAY_BE_PERSON_OR_PLACE"  # warning for the reviewer
    CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL = "CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL"
    PRE_APPROVAL_MISSING = "PRE_APPROVAL_MISSING"
    LANGUAGE_REQUIRED = "LANGUAGE_REQUIRED"
    ACCESS_MISSING = "ACCESS_MISSING"
    ACCESS_IP_INVALID = "ACCESS_IP_INVALID"
    # APP filing (precheck.md "APP filing"); the website codes above also apply to APPs where it says so
    APP_NAME_REQUIRED = "APP_NAME_REQUIRED"  # empty APP name (spaces only is empty)
    APP_NAME_NATIONAL_PREFIX = "APP_NAME_NATIONAL_PREFIX"  # starts with 中国 中华 … (not government, military)
    APP_NAME_SENSITIVE = "APP_NAME_SENSITIVE"  # contains a sensitive word
    APP_PLATFORM_REQUIRED = "APP_PLATFORM_REQUIRED"  # no platform row
    APP_PACKAGE_INVALID = "APP_PACKAGE_INVALID"  # not a package name / Bundle ID
    APP_PACKAGE_DUPLICATE = "APP_PACKAGE_DUPLICATE"  # same (platform, package_name) twice, at the later one
    APP_SIGNATURE_INVALID = "APP_SIGNATURE_INVALID"  # fingerprint not hex of the platform's length
    APP_PUBLIC_KEY_INVALID = "APP_PUBLIC_KEY_INVALID"  # empty, or neither hex nor base64
    APP_DOMAIN_INVALID = "APP_DOMAIN_INVALID"  # not a domain, or deeper than 三级
    APP_DOMAIN_TLD_NOT_FILEABLE = "APP_DOMAIN_TLD_NOT_FILEABLE"  # TLD not on the ministry's approved list
    # Materials
    MATERIAL_MISSING = "MATERIAL_MISSING"
    MATERIAL_FORMAT = "MATERIAL_FORMAT"
    MATERIAL_TOO_LARGE = "MATERIAL_TOO_LARGE"
    MATERIAL_ASPECT_MISMATCH = "MATERIAL_ASPECT_MISMATCH"
    # Province special rules (data/provinces.toml `special`, run by rules/special.py)
    CONTACT2_SAME_AS_MOBILE = "CONTACT2_SAME_AS_MOBILE"  # 北京, 吉林: 联系方式2 equals the principal's mobile
    DOMAIN_TLD_PROVINCE_FORBIDDEN = "DOMAIN_TLD_PROVINCE_FORBIDDEN"  # 北京 (.org …), 重庆 (individual .org)
    DOMAIN_TLD_REQUIRED_FOR_NATURE = "DOMAIN_TLD_REQUIRED_FOR_NATURE"  # 内蒙古: 事业单位 only .cn / .公益
    WEBSITE_REMARK_PLEDGE_MISSING = "WEBSITE_REMARK_PLEDGE_MISSING"  # 天津: personal remark without the pledge
    WEBSITE_REMARK_MISSING = "WEBSITE_REMARK_MISSING"  # 山东, 青海: personal site without a remark (warning)
    ACCESS_ONE_IP_PER_SITE = "ACCESS_ONE_IP_PER_SITE"  # 天津: more than one IP for a website
    MAILING_ADDRESS_OTHER_CITY = "MAILING_ADDRESS_OTHER_CITY"  # 河北, 河南: 通信地址 in another city (warning)
    DOMAINS_PER_ORDER_EXCEEDED = "DOMAINS_PER_ORDER_EXCEEDED"  # 山西: more than 3 new domains in one order
    INDIVIDUAL_FIRST_FILING_ONE_DOMAIN = "INDIVIDUAL_FIRST_FILING_ONE_DOMAIN"  # 海南: personal first filing, 1 domain
    INDIVIDUAL_NOT_PROVINCE_RESIDENT = "INDIVIDUAL_NOT_PROVINCE_RESIDENT"  # 山西: personal filing needs a local ID
    FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE = "FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE"  # 辽宁 (warning)
    SERVICE_NEEDS_PRE_APPROVAL = "SERVICE_NEEDS_PRE_APPROVAL"  # 江西: personal 博客/个人空间 without pre-approval


WARNINGS = frozenset({Code.SITE_NAME_UNRELATED, Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE, Code.WEBSITE_REMARK_MISSING,
                      Code.MAILING_ADDRESS_OTHER_CITY, Code.FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE})
# Rules about a new filing's order (首次/新增/接入): a change, cancellation or deregistration order, which the
# platform also runs through the engine, drops them (filings/checks.py).
NEW_FILING_ONLY = frozenset({Code.DOMAINS_PER_ORDER_EXCEEDED.value, Code.INDIVIDUAL_FIRST_FILING_ONE_DOMAIN.value})


def severity(code: Code) -> Severity:
    return Severity.WARNING if code in WARNINGS else Severity.ERROR
