"""Every Chinese text of the rules engine: what is wrong and how to fix it. One place, one catalogue."""

import re

from beian.rules.codes import Code

FINDINGS: dict[Code, str] = {
    Code.REGION_INVALID: "“{value}”不是中国内地的31个省级行政区之一，请选择备案主体实际所在的省份（港澳台地区不能办理ICP备案）。",
    Code.CERT_TYPE_NOT_ALLOWED: "证件类型“{value}”不适用于{who}，请选择{allowed}。",
    Code.CERT_NUMBER_INVALID: "{what}“{value}”不正确：{reason}。请按证件原样填写。",
    Code.CERT_NUMBER_LOWERCASE_X: "身份证号码末位的字母X须大写，请将“{value}”改为“{fixed}”。",
    Code.CERT_ADDRESS_REQUIRED: "请填写证件住所，须与主办单位证件上的地址完全一致。",
    Code.MAILING_ADDRESS_SPECIAL_CHARS: "通信地址不能包含特殊字符“{chars}”，请只使用汉字、字母、数字及 -#()·、,. 等常用符号。",
    Code.MAILING_ADDRESS_NOT_DETAILED: "通信地址需详细到门牌号（如“8号”“801室”）。若已是最详细的地址，请在主体备注中说明“此地址已是最详细地址”。",
    Code.INVESTOR_MISMATCH: "个人备案的投资人须为主办人本人“{name}”，请修改投资人或主管单位。",
    Code.PRINCIPAL_NOT_SUBJECT: "个人备案的主体负责人须为主办人本人（姓名和证件号码须与主体信息一致）。",
    Code.WEBSITE_PRINCIPAL_NOT_SUBJECT: "个人备案的{service}负责人须与主体负责人为同一人，请选择复用主体负责人。",
    Code.PRINCIPAL_ID_EXPIRING: "负责人身份证有效期须大于3个月（有效期至 {value}），请更换有效证件后再备案。",
    Code.MOBILE_INVALID: "手机号码“{value}”格式不正确，应为以1开头的11位中国内地手机号码。",
    Code.CONTACT2_REQUIRED: "单位备案须填写联系方式2（手机号码或座机，座机格式如 086-0571-88886666）。",
    Code.CONTACT2_INVALID: "联系方式2“{value}”格式不正确，请填写手机号码或座机号码，座机格式为 086-区号-号码[-分机号]，如 086-022-78954123。",
    Code.EMAIL_INVALID: "电子邮箱“{value}”格式不正确，此邮箱将接收备案通知，请填写有效邮箱。",
    Code.SUBJECT_NOT_IN_REGISTRY: "在工商信息库中未查到该单位，请核对单位名称和证件号码是否与证件完全一致。",
    Code.SUBJECT_NAME_REGISTRY_MISMATCH: "主办单位名称与工商信息不一致（登记名称：{registry}），请按证件填写单位全称。",
    Code.SUBJECT_CERT_REGISTRY_MISMATCH: "主办单位证件号码与工商信息不一致（登记号码：{registry}），请按证件填写。",
    Code.SUBJECT_REGISTRY_INACTIVE: "该单位在工商信息库中的状态为“{status}”，无法办理备案。",
    Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: "{province}要求主体负责人为法定代表人，主办单位负责人姓名与工商信息库登记信息不一致（法定代表人：{registry}）。",
    Code.CERT_ORDER_IN_PROGRESS: "此证件存在进行中的订单。请先完成或取消该订单，再提交新的备案。",
    Code.DOMAIN_ORDER_IN_PROGRESS: "该域名存在进行中的订单。请先完成或取消该订单。",
    Code.DOMAIN_ALREADY_FILED: "此域名已存在备案（在本服务商）。如需修改信息，请办理变更备案。",
    Code.DOMAIN_FILED_BY_OTHER_SUBJECT: "此域名已存在备案，且备案主体不是本主办单位。如域名已转让，请原主体先注销该网站备案。",
    Code.MIXED_FILING_TYPES: "本次申请中既有已在其他服务商备案的域名，也有未备案的域名，请分别提交接入备案和新增网站。",
    Code.FILING_TYPE_MISMATCH: "您选择的备案类型为“{requested}”，但根据主体和域名的备案情况应办理“{determined}”。",
    Code.CERT_ALREADY_FILED: "此证件已存在备案信息，不能办理首次备案，请办理“{determined}”。",
    Code.ACCESS_SHELL_SITE: ("域名 {domain} 的网站为空壳网站（即无接入服务商），无法到原接入服务商处变更手机号码，不能办理接入备案："
                             "需注销备案后重新提交新增网站备案。"),
    Code.ACCESS_MOBILE_CHANGED: ("接入备案验证网站负责人手机号码：您填写的手机号码与域名 {domain} 已备案的网站负责人手机号码不一致。"
                                 "如果您更换了手机号码，需先到原备案接入服务商处变更手机号码，再接入备案。"),
    Code.WEBSITE_REQUIRED: "请至少填写一个网站或APP。",
    Code.WEBSITE_LIMIT_EXCEEDED: "{province}{who}备案每个订单最多{limit}个网站，本次填写了{count}个，请分多个订单提交。",
    Code.WEBSITE_ONE_DOMAIN: "每个网站须且仅能填写一个域名（本网站填写了{count}个）。",
    Code.DOMAIN_INVALID: "“{value}”不是有效的域名，请填写如 example.com 的域名。",
    Code.DOMAIN_NOT_APEX: "请填写主域名“{apex}”，而不是子域名“{value}”（主域名备案后其子域名无需另行备案）。",
    Code.DOMAIN_TLD_NOT_FILEABLE: "域名后缀“.{tld}”未获工信部批复，不能备案，请更换域名。",
    Code.DOMAIN_DUPLICATE_IN_ORDER: "域名“{value}”在本次申请中重复填写。",
    Code.DOMAIN_HOLDER_MISMATCH: "域名持有者“{holder}”与主办单位名称不一致，请先将域名实名信息变更为主办单位。",
    Code.DOMAIN_NOT_VERIFIED: "域名尚未完成实名认证（或实名信息尚未同步至工信部，一般需3–5个工作日），请完成后再提交。",
    Code.DOMAIN_HOLDER_CERT_MISMATCH: "域名实名认证的证件号码与主办单位（主办人）的证件号码不一致：域名持有者的姓名（名称）、证件类型和证件号码须与主办者完全一致。请在域名注册商处将域名实名信息变更（过户）为主办者，或按域名实名认证所用的证件填写主办者信息。",
    Code.DOMAIN_EXPIRING: "{authority}要求备案域名距到期须大于{period}，该域名将于 {expires} 到期。请先在域名注册商处为域名续费，续费信息同步后再提交备案。",
    Code.DOMAIN_REGISTRAR_NOT_APPROVED: "该域名的注册服务机构未获工信部批准（如境外注册商），不能备案。请将域名转入工信部批准的境内注册服务机构，或更换域名。",
    Code.SITE_NAME_TOO_SHORT: "网站名称需由三个及以上汉字组成。",
    Code.SITE_NAME_SPECIAL_CHARS: "网站名称不能包含空格或特殊符号“{chars}”，只能使用汉字、字母和数字。",
    Code.SITE_NAME_NATIONAL_PREFIX: "非国家单位的网站名称不得以“{word}”等字头命名。",
    Code.SITE_NAME_IS_DOMAIN: "网站名称不能直接使用域名“{value}”，请使用能体现网站内容的中文名称。",
    Code.SITE_NAME_SENSITIVE: "网站名称不能包含敏感词“{word}”。",
    Code.SITE_NAME_PERSONAL_FORBIDDEN: "个人网站名称不能使用“{word}”等词汇，请使用体现网站主要内容的名称。",
    Code.SITE_NAME_NEEDS_PRE_APPROVAL: "网站名称含“{word}”，须先到相关主管部门办理前置审批并填写审批信息，或修改网站名称。",
    Code.SITE_NAME_PROVINCE_FORBIDDEN: "{province}个人网站名称不能使用行业或经营性词汇“{word}”。",
    Code.SITE_NAME_JIANGSU_FORMAT: "江苏管局要求个人网站名称只能为“某某的个人博客”或“某某的个人主页”。",
    Code.WEBSITE_REMARK_REQUIRED: "江苏管局要求个人网站在备注中说明网站开通后的主要内容。",
    Code.SITE_NAME_UNRELATED: "网站名称与主办单位名称看起来没有关联，初审时将核实网站名称与主办单位的关联性。",
    Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE: "个人网站名称不能使用个人姓名、地名或成语（名称中含“{word}”），初审时将核实。",
    Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL: "个人备案的{service}内容只能选择“其他”，涉及“{value}”的{service}请以单位主体备案。",
    Code.PRE_APPROVAL_MISSING: "{service}内容“{value}”须提供前置审批文件，请填写类别为“{value}”的前置审批信息。",
    Code.LANGUAGE_REQUIRED: "请至少选择一种{service}语言。",
    Code.ACCESS_MISSING: "请填写接入信息：选择云服务器实例IP地址，或填写备案服务号。",
    Code.ACCESS_IP_INVALID: "“{value}”不是有效的公网IP地址，请选择云服务器实例的公网IP。",
    Code.APP_NAME_REQUIRED: "请填写APP名称，须与APP在应用商店上架的名称一致。",
    Code.APP_NAME_NATIONAL_PREFIX: "非国家单位的APP名称不得以“{word}”等字头命名。",
    Code.APP_NAME_SENSITIVE: "APP名称不能包含敏感词“{word}”。",
    Code.APP_PLATFORM_REQUIRED: "请至少添加一个APP平台（安卓、iOS、鸿蒙或其他），并填写该平台的包名、公钥和签名。",
    Code.APP_PACKAGE_INVALID: "{platform}平台的{label}“{value}”格式不正确：{rule}。",
    Code.APP_PACKAGE_DUPLICATE: "{platform}平台的{label}“{value}”在本次申请中重复填写，同一平台的同一{label}只能备案一次。",
    Code.APP_SIGNATURE_INVALID: "{platform}平台的签名“{value}”不正确（{reason}）：应为{expected}，冒号、空格和大小写不限。{how}",
    Code.APP_PUBLIC_KEY_INVALID: "{platform}平台的公钥“{value}”不正确：应为签名证书公钥的十六进制或Base64文本。{how}",
    Code.APP_DOMAIN_INVALID: "“{value}”{reason}。",
    Code.APP_DOMAIN_TLD_NOT_FILEABLE: "APP域名后缀“.{tld}”未获工信部批复，不能备案，请更换域名。",
    Code.MATERIAL_MISSING: "缺少{owner}的{material}，请上传。",
    Code.MATERIAL_FORMAT: "资料格式“{value}”不支持，请上传 jpg、jpeg、png 或 gif 格式的图片。",
    Code.MATERIAL_TOO_LARGE: "资料大小为{size}，每张图片须小于4MB，请压缩后重新上传。",
    Code.MATERIAL_ASPECT_MISMATCH: "证件正反面照片的比例须一致（1:1），正面 {front}、反面 {back}。请在相同距离和角度下重新拍摄。",
    Code.CONTACT2_SAME_AS_MOBILE: "{province}管局要求联系方式2与负责人手机号码不同（现均为 {value}），请填写另一个手机号码或办公座机。",
    Code.DOMAIN_TLD_PROVINCE_FORBIDDEN: "{province}管局不接受{who}备案后缀为“.{tld}”的域名，请更换域名。",
    Code.DOMAIN_TLD_REQUIRED_FOR_NATURE: "{province}管局要求{nature}的网站域名后缀为 {allowed}，“{value}”不符合，请更换域名。",
    Code.WEBSITE_REMARK_PLEDGE_MISSING: "{province}管局要求个人网站在网站备注中写明承诺语“{pledge}”，请将其加入网站备注。",
    Code.WEBSITE_REMARK_MISSING: "{province}管局要求个人备案在网站备注中说明网站的大致内容，请填写（初审时将核实）。",
    Code.ACCESS_ONE_IP_PER_SITE: "{province}管局要求每个网站仅填写一个IP地址（本网站填写了{count}个），请只保留一个。",
    Code.MAILING_ADDRESS_OTHER_CITY: "{province}管局要求通信地址与证件住所不跨市：证件住所在{cert_city}，通信地址在{mailing_city}。请核对，初审时将核实。",
    Code.DOMAINS_PER_ORDER_EXCEEDED: "{province}管局要求除变更外每个订单新增域名不超过{limit}个，本次填写了{count}个，请分多个订单提交。",
    Code.INDIVIDUAL_FIRST_FILING_ONE_DOMAIN: "{province}管局要求个人首次备案仅可备案1个域名（本次填写了{count}个），请只保留一个网站，其余在备案成功后以新增网站办理。",
    Code.INDIVIDUAL_NOT_PROVINCE_RESIDENT: "{province}管局个人备案仅支持本省居民身份证（证件号码以{prefix}开头），请使用本省身份证，或由所在省份办理。",
    Code.FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE: "{province}管局要求单位名称含“{word}”的，负责人须为法定代表人（工商信息登记的法定代表人：{registry}），初审时将核实。",
    Code.SERVICE_NEEDS_PRE_APPROVAL: "{province}管局要求个人网站服务类型选择“{value}”的，须先取得省外宣办的前置审批，请填写前置审批信息或更换服务类型。",
}

# When the value a message would quote is empty, the field was left blank: say so instead of quoting "".
MISSING: dict[Code, str] = {
    Code.REGION_INVALID: "请选择备案主体实际所在的省份（中国内地31个省级行政区之一）。",
    Code.CERT_NUMBER_INVALID: "请填写{what}，须与证件上完全一致。",
    Code.MOBILE_INVALID: "请填写手机号码（以1开头的11位中国内地手机号码），须可直接联系到本人。",
    Code.EMAIL_INVALID: "请填写电子邮箱，此邮箱将接收备案通知，请填写有效邮箱。",
    Code.DOMAIN_INVALID: "请填写域名，如 example.com。",
    Code.APP_PACKAGE_INVALID: "请填写{platform}平台的{label}，如 com.example.shop。",
    Code.APP_SIGNATURE_INVALID: "请填写{platform}平台的签名：{expected}。{how}",
    Code.APP_PUBLIC_KEY_INVALID: "请填写{platform}平台的公钥：签名证书公钥的十六进制或Base64文本。{how}",
    Code.APP_DOMAIN_INVALID: "请填写APP域名（如 api.example.com），或删除这一行。",
    Code.INVESTOR_MISMATCH: "个人备案的投资人须为主办人本人，请先填写主办人姓名。",
}
_QUOTED = re.compile(r"“\{(\w+)\}”")


def finding_message(code: Code, fmt: dict) -> str:
    """The message of a finding. A blank quoted value never shows as “”: the message says the field is
    missing (MISSING), or leaves the quote out."""
    template = FINDINGS[code]
    if not fmt:
        return template
    blank = {k for k, v in fmt.items() if isinstance(v, str) and not v.strip()}
    if not blank:
        return template.format(**fmt)
    if code in MISSING:
        return MISSING[code].format(**fmt)
    return _QUOTED.sub(lambda m: "" if m.group(1) in blank else m.group(0), template).format(**fmt)


CERT_REASONS = {
    "length": "长度应为18位",
    "charset": "含有不允许的字符",
    "lowercase": "字母须大写",
    "check": "校验位不正确",
    "birth": "出生日期无效",
    "region": "地区码无效",
    "empty": "未填写",
}

WHO = {
    "subject": "该主体性质",
    "principal": "负责人",
    "individual": "个人",
    "unit": "单位",
}

OWNERS = {"subject": "主办单位", "subject_principal": "主体负责人", "website_principal": "网站负责人（{site}）",
          "app_principal": "APP负责人（{app}）"}

# APP filing (precheck.md "APP filing", rules/apps.py).
SERVICES = {"website": "网站", "app": "APP"}  # `{service}` of the findings websites and APPs share
APP_FALLBACK_NAME = "APP{n}"
PLATFORMS = {"android": "安卓", "ios": "iOS", "harmony": "鸿蒙", "other": "其他"}
PACKAGE_LABELS = {"android": "包名", "ios": "Bundle ID", "harmony": "包名（Bundle Name）", "other": "包名"}
PACKAGE_RULES = {
    "dotted": "应由两段及以上以点分隔的名称组成，每段以字母开头，只含字母、数字和下划线，如 com.example.shop",
    "ios": "应由两段及以上以点分隔的名称组成，只含字母、数字和连字符（-），如 com.example.shop",
}
SIGNATURE_EXPECTED = {
    "android": "签名证书的MD5指纹（32位十六进制）",
    "ios": "签名证书的SHA-1指纹（40位十六进制）",
    "harmony": "签名证书的指纹（MD5 32位、SHA-1 40位或SHA-256 64位十六进制）",
    "other": "签名证书的指纹（MD5 32位、SHA-1 40位或SHA-256 64位十六进制）",
}
SIGNATURE_REASONS = {"not_hex": "含有十六进制以外的字符", "length": "现为{length}位"}
SIGNATURE_HOW = {
    "android": "可用 keytool -printcert -jarfile app.apk 或 apksigner verify --print-certs app.apk 查看，或直接上传APK。",
    "ios": "可在 Apple Developer 的证书详情或钥匙串中查看签名证书的 SHA-1 指纹，或上传证书（.cer）。",
    "harmony": "可在 AppGallery Connect 的证书详情中查看，或上传证书。",
    "other": "请按该平台的签名证书填写，或上传证书。",
}
PUBLIC_KEY_HOW = "也可直接上传签名的APK或证书，由系统读取包名、公钥和签名。"
APP_DOMAIN_REASONS = {
    "invalid": "不是有效的域名，请填写如 api.example.com 的域名",
    "too_deep": "是{level}级域名：APP域名最多填写到三级（如 a.b.example.com，example.com 为一级）",
}
LEVELS = "一二三四五六七八九十"

MATERIALS = {
    "subject_certificate": "主办单位证件",
    "principal_id": "证件",
    "handheld_id": "手持证件照",
    "authorization_letter": "授权书",
    "domain_certificate": "域名证书",
    "site_plan": "网站建设方案书",
    "pre_approval_document": "前置审批文件",
}
SIDES = {"front": "（正面）", "back": "（反面）", None: ""}

# Province special rules shown as instructions (rules/special.py): where, and for whom.
SPECIAL_STEPS = {"basic": "基础信息校验", "subject": "填写主体信息", "websites": "填写网站信息", "materials": "上传资料",
                 "confirm": "信息确认", "after_approval": "备案成功后"}
SPECIAL_WHEN = {
    "always": "所有订单", "individual": "个人备案", "unit": "单位备案", "new_filing": "首次备案、新增网站、接入备案",
    "subject_already_filed": "主体已备案（新增网站、接入备案）", "change_subject": "变更主体",
    "domains_more_than_5": "本次域名超过5个", "websites_over_limit": "网站数超过每单上限",
}
SPECIAL_TITLE = "{province}管局要求"

FILING_TYPES = {
    "first": "首次备案",
    "new_site_elsewhere": "新增网站（原备案不在本服务商）",
    "new_site_here": "新增网站（原备案在本服务商）",
    "access": "接入备案",
}

NATURES = {
    "enterprise": "企业",
    "individual": "个人",
    "government": "政府机关",
    "public_institution": "事业单位",
    "social_organization": "社会团体",
    "private_non_enterprise": "民办非企业单位",
    "foundation": "基金会",
    "law_firm": "律师执业机构",
    "military": "部队",
    "mass_organization": "群众性团体组织",
    "judicial_expertise": "司法鉴定机构",
    "religious": "宗教活动场所",
    "overseas_organization": "境外机构",
}

CERT_TYPES = {
    "business_license": "营业执照",
    "resident_id": "居民身份证",
    "passport": "护照",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "foreign_permanent_id": "外国人永久居留身份证",
    "hkmt_residence_permit": "港澳台居民居住证",
    "usc_certificate": "统一社会信用代码证书",
    "public_institution_certificate": "事业单位法人证书",
    "social_organization_certificate": "社会团体法人登记证书",
    "private_non_enterprise_certificate": "民办非企业单位登记证书",
    "foundation_certificate": "基金会法人登记证书",
    "law_firm_license": "律师事务所执业许可证",
    "military_code": "军队代号",
    "judicial_expertise_license": "司法鉴定许可证",
    "religious_certificate": "宗教活动场所登记证",
    "overseas_registration": "境外机构证件",
    "officer_id": "军官证",
}

# ApplicationError texts (malformed input, exit code 2).
INPUT = {
    "not_object": "应为 JSON 对象",
    "not_list": "应为数组",
    "not_string": "应为字符串",
    "not_bool": "应为布尔值 true/false",
    "not_int": "应为整数",
    "int_range": "应为 0 到 {max} 之间的整数",
    "not_date": "应为日期 YYYY-MM-DD",
    "required": "缺少必填字段",
    "enum": "取值“{value}”无效，可选值：{choices}",
}

# JSON read by rules/safejson.py (the precheck page, the APIs, the ministry callback, the CLI).
JSON_LIMITS = {
    "json_invalid": "内容不是有效的 JSON（第 {line} 行第 {col} 列附近）：请检查引号、逗号和括号。",
    "json_not_utf8": "内容不是 UTF-8 编码的 JSON 文本，请另存为 UTF-8 后再提交。",
    "json_too_large": "内容过大（上限 {limit} KB），请只提交一份备案申请。",
    "json_too_deep": "内容嵌套层数过多（上限 {limit} 层），不是一份备案申请：请检查是否多了括号。",
    "json_number_too_large": "内容中有超出范围的数字{where}：数字最多 {limit} 位，且须为有限数值（如文件大小、宽高）。",
}
JSON_NUMBER_WHERE = "（{path}）"

# DOMAIN_EXPIRING: who asks for how long (provinces.toml `domain_validity`; elsewhere 3 calendar months).
EXPIRY_AUTHORITY = "管局"
EXPIRY_AUTHORITY_PROVINCE = "{province}管局"
EXPIRY_PERIOD_MONTHS = "{months}个月"
EXPIRY_PERIOD_DAYS = "{days}天"
