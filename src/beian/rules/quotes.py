"""The seed sentence behind each finding code, quoted verbatim for docs/rules.md.

Issue 13: every rule in docs/rules.md quotes the help document (../shared/seeds/) it was taken
from. `QUOTES[code] = (where, quote)`:

- `where` starts with the source: a seed key S0–S4 as in reference.md §0 (S3 = seeds/003_*.txt),
  followed by its section ("S3 §1.1", "S1 #9"); or, for a rule no seed states (a format, a check
  digit of a national standard), the spec file the rule is quoted from ("precheck.md …").
- `quote` is the source's own words, copied, never paraphrased: a sentence or a table cell, trimmed
  at its ends. Markup the seed carries (HTML tags, markdown links) is left out. Two passages of one
  section may be joined by "…"; each must occur, in that order.

tests/rules/test_quotes.py checks every quote against its file. One line per code, in Code order.
"""

from beian.rules.codes import Code

QUOTES: dict[Code, tuple[str, str]] = {
    Code.REGION_INVALID: ("precheck.md (the 31 provinces; S3 §1.1 only says to pick where the subject is)", "REGION_INVALID: province not one of the 31 (HK, Macao, Taiwan included)."),
    Code.CERT_TYPE_NOT_ALLOWED: ("S3 §1.1 (证件类型)", "个人性质备案的中国公民建议选择身份证。企业建议选择工商营业执照。民办非企业单位建议选择民办非企业单位登记证书。"),
    Code.CERT_NUMBER_INVALID: ("precheck.md (GB 32100-2015, GB 11643 check characters; no seed states them)", "CERT_NUMBER_INVALID: `business_license` not an 18-char USCC with a valid GB 32100-2015 check character; `resident_id` not 18 chars, bad birth date, unknown province code (first two digits) or bad ISO 7064 MOD 11-2 check character."),
    Code.CERT_NUMBER_LOWERCASE_X: ("S3 §1.1 (证件号码)", "如果主办单位证件类型选择的是居民身份证，且身份证号码中含有字母X，需输入大写X。"),
    Code.CERT_ADDRESS_REQUIRED: ("S3 §1.1 (证件住所)", "填写与主办单位证件上一致的地址。"),
    Code.MAILING_ADDRESS_SPECIAL_CHARS: ("S3 §2 (通信地址, form hint)", "通信地址不能包含特殊字符，请填写完整的市、区、路段、具体房间地址。"),
    Code.MAILING_ADDRESS_NOT_DETAILED: ("S3 §2 (通讯地址)", "通讯地址需要详细到门牌号，如无具体门牌号，请在备案信息备注中说明：“此地址已是最详细地址”。"),
    Code.INVESTOR_MISMATCH: ("S3 §2 (投资人或主管单位, 主体为个人)", "系统获取填写备案主体信息环节填写的主办人名称，自动填充。"),
    Code.PRINCIPAL_NOT_SUBJECT: ("S3 §2 (单位负责人信息 · 证件号码, 主体为个人)", "系统获取填写备案主体信息环节填写的主办单位证件号码，自动填充。"),
    Code.WEBSITE_PRINCIPAL_NOT_SUBJECT: ("S3 §3.1 (网站负责人信息, 主体为个人)", "个人备案不支持填写，个人备案要求网站负责人与主体负责人必须为同一人。"),
    Code.PRINCIPAL_ID_EXPIRING: ("S3 §2 (证件类型, form hint)", "若您的证件类型为“身份证”，请确保身份证有效期大于3个月。"),
    Code.MOBILE_INVALID: ("precheck.md (the number's format; S3 §2 only asks for a reachable mobile)", "MOBILE_INVALID: `mobile` or `emergency_mobile` not `1[3-9]` + 9 digits."),
    Code.CONTACT2_REQUIRED: ("S3 §2 (联系方式2, 主体为企业; 个人: 个人备案无需填写。)", "您需根据界面提示进行填写，填写的号码需真实有效且能联系到备案负责人。"),
    Code.CONTACT2_INVALID: ("S3 §2 (联系方式2)", "座机号码的填写格式为086-022-78954**，如果有分机号，也需正确填写。"),
    Code.EMAIL_INVALID: ("S3 §2 (电子邮箱)", "填写可正常接收邮件的有效邮箱。"),
    Code.SUBJECT_NOT_IN_REGISTRY: ("precheck.md (no seed sentence; S3 §2 names the registry mismatches)", "SUBJECT_NOT_IN_REGISTRY: non-individual and `business_registry` is null."),
    Code.SUBJECT_NAME_REGISTRY_MISMATCH: ("S3 §2 (FAQ title)", "备案过程中在填写主体信息环节，系统提示：主办单位名称与工商信息不一致"),
    Code.SUBJECT_CERT_REGISTRY_MISMATCH: ("S3 §2 (FAQ title)", "备案过程中在填写主体信息环节，系统提示：主办单位证件号码与工商信息不一致"),
    Code.SUBJECT_REGISTRY_INACTIVE: ("precheck.md (no seed sentence; reference.md §8 #12)", "SUBJECT_REGISTRY_INACTIVE: registry status 注销 or 吊销."),
    Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: ("S1 #9", "根据各省备案规则,目前要求宁夏、西藏、山东、广东、湖北、云南、浙江、贵州、黑龙江、陕西、内蒙古、上海、江西、湖南、天津、湖北、河南、福建、重庆的主体负责人必须为法人。"),
    Code.CERT_ORDER_IN_PROGRESS: ("S3 §1.1 (常见问题)", "错误提示：该域名存在进行中的订单或此证件存在进行中的订单"),
    Code.DOMAIN_ORDER_IN_PROGRESS: ("S3 §1.1 (常见问题)", "错误提示：该域名存在进行中的订单或此证件存在进行中的订单"),
    Code.DOMAIN_ALREADY_FILED: ("S3 §1.1 (常见问题)", "错误提示：此域名已存在备案"),
    Code.DOMAIN_FILED_BY_OTHER_SUBJECT: ("S3 §1.1 (常见问题)", "错误提示：此域名已存在备案"),
    Code.MIXED_FILING_TYPES: ("precheck.md (filing-type determination, step 4)", "Subject filed: all domains unfiled -> `new_site_here` if `subject_filed_with == \"self\"`, else `new_site_elsewhere`; all domains filed elsewhere under this subject -> `access`; a mix -> MIXED_FILING_TYPES."),
    Code.FILING_TYPE_MISMATCH: ("S2 (APP备案操作步骤 2)", "系统将根据您所填写信息，自动判定您要办理的备案类型。"),
    Code.CERT_ALREADY_FILED: ("S3 §1.1 (常见问题)", "错误提示：此证件已存在备案信息"),
    Code.ACCESS_SHELL_SITE: ("S3 §9 (短信核验, 接入备案)", "如果您的网站为空壳网站（即无接入服务商），无法到原接入服务商处变更手机号码。需注销备案后重新提交新增网站备案。"),
    Code.ACCESS_MOBILE_CHANGED: ("S3 §9 (短信核验, 接入备案)", "如果您更换了手机号码，需先到原备案接入服务商处变更手机号码，再接入备案。"),
    Code.WEBSITE_REQUIRED: ("precheck.md (and its APP filing)", "WEBSITE_REQUIRED: no websites.…WEBSITE_REQUIRED now fires only when there is neither a website nor an APP."),
    Code.WEBSITE_LIMIT_EXCEEDED: ("S3 §3.2 (湖北, 湖南; the 陕西 and 河南 rows give 4/30 and 3/5)", "同一个备案订单下，一次只能备案一个网站且对应一个域名。"),
    Code.WEBSITE_ONE_DOMAIN: ("S3 §3.2", "除湖北、湖南省外，其他省市用户进行首次备案、新增网站备案时，同一个备案主体下支持同时备案多个网站，但每个网站仅支持备案一个域名，且要求备案的多个网站需要与对应的备案主体有关联性。"),
    Code.DOMAIN_INVALID: ("precheck.md", "DOMAIN_INVALID: not a syntactically valid domain name (IDNs accepted, normalised to lower-case punycode)."),
    Code.DOMAIN_NOT_APEX: ("precheck.md (no seed sentence; S3 §1.1's example is Aliyun.com)", "DOMAIN_NOT_APEX: a subdomain (e.g. `www.example.com`) where the registrable domain (public suffix list) is meant."),
    Code.DOMAIN_TLD_NOT_FILEABLE: ("precheck.md (no seed sentence; reference.md §6)", "DOMAIN_TLD_NOT_FILEABLE: top-level domain not on the ministry's approved list (e.g. `.io`)."),
    Code.DOMAIN_DUPLICATE_IN_ORDER: ("precheck.md", "DOMAIN_DUPLICATE_IN_ORDER: the same domain twice in one application."),
    Code.DOMAIN_HOLDER_MISMATCH: ("S3 §1.1 (单位名称)", "填写的主办单位或主办人名称需要与域名持有者的实名认证信息保持一致（如姓名、证件类型、证件号码等均需一致）。"),
    Code.DOMAIN_NOT_VERIFIED: ("precheck.md (S3 §1.1 presumes the domain's 实名认证; reference.md §6, §8 #1)", "DOMAIN_NOT_VERIFIED: `holder_verified` is false (domain real-name verification pending)."),
    Code.DOMAIN_HOLDER_CERT_MISMATCH: ("S3 §1.1 (单位名称)", "填写的主办单位或主办人名称需要与域名持有者的实名认证信息保持一致（如姓名、证件类型、证件号码等均需一致）。"),
    Code.DOMAIN_EXPIRING: ("reference.md §6 (QCdom; no seed states the period, precheck.md fixes it: 3 calendar months, 上海 180 days)", "be within registration validity (typically >3 months left; 上海 >180 days)"),
    Code.DOMAIN_REGISTRAR_NOT_APPROVED: ("reference.md §6 (TCbh, QCdom; no seed sentence)", "be registered via an MIIT-approved registrar (no overseas registrars)"),
    Code.SITE_NAME_TOO_SHORT: ("S3 附录一/二", "使用3个或3个以上汉字。"),
    Code.SITE_NAME_SPECIAL_CHARS: ("S3 附录一/二", "不能使用纯数字、纯英文命名，不能包含特殊符号。"),
    Code.SITE_NAME_NATIONAL_PREFIX: ("S3 附录一/二", "非国家单位，不得以中国、中华、中央、人民、人大、国家等字头命名。"),
    Code.SITE_NAME_IS_DOMAIN: ("S3 附录一", "不能直接以网站域名命名。"),
    Code.SITE_NAME_SENSITIVE: ("S3 附录一/二", "不能使用敏感词语（如反腐、赌博、廉政、色情等）命名。"),
    Code.SITE_NAME_PERSONAL_FORBIDDEN: ("S3 附录二", "不能使用***个人空间、资讯、网站、网络、网址、爱好者、作品展示、论坛、社区、工作室、平台、主页、热线、社团、导航等词汇命名。"),
    Code.SITE_NAME_NEEDS_PRE_APPROVAL: ("S3 附录二", "不能带有博客、论坛、在线、社区、交流等字样，若需带有此类信息，请到相关主管部门办理前置审批文件。"),
    Code.SITE_NAME_PROVINCE_FORBIDDEN: ("S3 附录二 (table by province)", "部分省份个人备案网站名称不能使用行业、经营性关键字。"),
    Code.SITE_NAME_JIANGSU_FORMAT: ("S3 附录二", "江苏管局要求个人备案网站名称只能填写某某的个人博客或某某的个人主页，并在备注中说明网站开通后的主要内容。"),
    Code.WEBSITE_REMARK_REQUIRED: ("S3 附录二", "江苏管局要求个人备案网站名称只能填写某某的个人博客或某某的个人主页，并在备注中说明网站开通后的主要内容。"),
    Code.SITE_NAME_UNRELATED: ("S3 §3.1 (网站名称)", "要求由三个及三个以上汉字组成，且网站名称需与主办单位名称有关联性（建议网站命名为与主体相关的名称，关联性无需提供材料证明，备案初审时审核人员会判断并核实）。"),
    Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE: ("S3 附录二", "不能使用个人姓名、地名、成语命名。"),
    Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL: ("S3 §3.1 (网站内容, 主体为个人)", "根据网站的实际内容选择，个人网站选择其他。"),
    Code.PRE_APPROVAL_MISSING: ("S3 §3.1 (前置审批)", "您所备案的网站域名，如果涉及前置审批相关行业，必须办理前置审批文件，不提供前置审批文件会导致备案审核失败"),
    Code.LANGUAGE_REQUIRED: ("S3 §3.1 (网站语言)", "根据网站实际情况选择，支持同时选择多种语言。"),
    Code.ACCESS_MISSING: ("S3 §4", "备案时管局会核查您提交备案的接入商（服务器提供商）是否合规，因此在阿里云提交备案申请前，您需要购买符合要求的云服务，在提交备案订单过程中关联此云服务。"),
    Code.ACCESS_IP_INVALID: ("precheck.md (S3 §3.1: the IP is a cloud instance's)", "ACCESS_IP_INVALID: `ip` is not a public unicast IPv4/IPv6 address."),
    # APP filing: no seed states these rules (the seeds predate 2023's APP filing), so each quotes
    # precheck.md's section "APP filing".
    Code.APP_NAME_REQUIRED: ("precheck.md (APP filing)", "APP_NAME_REQUIRED: empty name."),
    Code.APP_NAME_NATIONAL_PREFIX: ("precheck.md (APP filing)", "APP_NAME_NATIONAL_PREFIX and APP_NAME_SENSITIVE: the website rules of the same name applied to the APP name."),
    Code.APP_NAME_SENSITIVE: ("precheck.md (APP filing)", "APP_NAME_NATIONAL_PREFIX and APP_NAME_SENSITIVE: the website rules of the same name applied to the APP name."),
    Code.APP_PLATFORM_REQUIRED: ("precheck.md (APP filing)", "APP_PLATFORM_REQUIRED: no platform."),
    Code.APP_PACKAGE_INVALID: ("precheck.md (APP filing)", "APP_PACKAGE_INVALID: android/harmony/other not `^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+$`; ios not `^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$`."),
    Code.APP_PACKAGE_DUPLICATE: ("precheck.md (APP filing)", "APP_PACKAGE_DUPLICATE: the same (platform, package_name), compared exactly, twice in one application; reported at the later occurrence."),
    Code.APP_SIGNATURE_INVALID: ("precheck.md (APP filing)", "`signature` is the signing certificate's fingerprint in hex, colons and case ignored: MD5 (32 hex) for android, SHA-1 (40 hex) for ios, 32, 40 or 64 hex for harmony and other.…APP_SIGNATURE_INVALID: not hex of the length its platform needs (colons, spaces and case are ignored)."),
    Code.APP_PUBLIC_KEY_INVALID: ("precheck.md (APP filing)", "APP_PUBLIC_KEY_INVALID: empty, or neither hex nor base64."),
    Code.APP_DOMAIN_INVALID: ("precheck.md (APP filing)", "APP_DOMAIN_INVALID: not a valid domain, or deeper than the third level;"),
    Code.APP_DOMAIN_TLD_NOT_FILEABLE: ("precheck.md (APP filing)", "APP_DOMAIN_TLD_NOT_FILEABLE as DOMAIN_TLD_NOT_FILEABLE."),
    Code.MATERIAL_MISSING: ("S1 #10", "基本资料(主体负责人证件、网站负责人证件、主办单位证件)必须上传。"),
    Code.MATERIAL_FORMAT: ("S1 #10", "④上传图片支持jpg、jpeg、png、gif格式,每张图片大小应小于4MB。"),
    Code.MATERIAL_TOO_LARGE: ("S1 #10", "④上传图片支持jpg、jpeg、png、gif格式,每张图片大小应小于4MB。"),
    Code.MATERIAL_ASPECT_MISMATCH: ("S1 #10", "②主体负责人证件的正反面比例要求为1:1,建议您在相同背景及光照环境下,且相机镜头距离证件的距离和位置差不多一致的情况下拍摄并上传。"),
    # Province special rules (provinces.toml `special`): no seed states them, so each quotes the row of
    # ../shared/spec/reference.md it comes from (several rows joined by "…", in reference.md's order).
    Code.CONTACT2_SAME_AS_MOBILE: ("reference.md §1B 北京 / 吉林", "联系方式2 须≠负责人手机 (TCzt).…联系方式2≠手机 (TCzt)."),
    Code.DOMAIN_TLD_PROVINCE_FORBIDDEN: (
        "reference.md §1B 北京 / 重庆",
        "可备案后缀白名单, .hk/.tw/.asia/.jp/.io/.me/.win/.org 不可 (TCgj, 2019).…个人不可备案 .org (TC17).",
    ),
    Code.DOMAIN_TLD_REQUIRED_FOR_NATURE: ("reference.md §1B 内蒙古", "事业单位域名须 .cn/.公益 (HW)."),
    Code.WEBSITE_REMARK_PLEDGE_MISSING: (
        "reference.md §1B 天津",
        '个人网站备注必须写承诺语 "本网站是个人网站，不含有企业、单位等非个人网站的信息…" (QC, TC17).',
    ),
    Code.WEBSITE_REMARK_MISSING: ("reference.md §1B 山东 / 青海", "个人须备注网站大致内容 (QC).…个人须备注网站内容 (TC17)."),
    Code.ACCESS_ONE_IP_PER_SITE: ("reference.md §1B 天津", "每站仅1个IP (QC)"),
    Code.MAILING_ADDRESS_OTHER_CITY: ("reference.md §1B 河北 / 河南", "通讯地址与证件住址不可跨市…通讯地址不可跨市 (HW)."),
    Code.DOMAINS_PER_ORDER_EXCEEDED: ("reference.md §1B 山西", "除变更外单订单新增域名≤3 (HW管局)"),
    Code.INDIVIDUAL_FIRST_FILING_ONE_DOMAIN: ("reference.md §1B 海南", "个人首次备案仅1个域名 (QC, HW-hn)"),
    Code.INDIVIDUAL_NOT_PROVINCE_RESIDENT: ("reference.md §1A 山西 (外省个人)", "仅本省身份证 (QC, TC17, HW)"),
    Code.FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: (
        "reference.md §1B 辽宁", "单位名含投资管理/理财/典当/担保/贷款 → 负责人须法人 (TC17)."),
    Code.SERVICE_NEEDS_PRE_APPROVAL: ("reference.md §1B 江西", "个人选 博客/个人空间 需省外宣办前置审批 (QC)."),
}
