"""Chinese texts of the simulated ministry pages (one catalogue)."""

SMS_TEXT = "【工信部ICP备案】您的短信核验验证码为{code}，请在24小时内登录工信部备案管理系统完成短信核验。订单：{order_ref}"
SMS_VERIFIED_ALL = "短信核验成功，您的备案申请已提交管局审核。"
SMS_VERIFIED_PARTIAL = "您的短信核验完成，请等待其他核验人进行短信核验"
SMS_WRONG = "验证码、手机号或证件号码后6位有误，请核对后重新输入（还可尝试 {left} 次）。"
SMS_TOO_MANY = "输入错误次数过多，备案申请已退回接入商。"
SMS_NOT_FOUND = "暂无待短信核验的备案申请。"
SMS_EXPIRED = "验证码已超过24小时有效期，备案申请已退回接入商。"
SMS_RESENT = "验证码已重新发送。"
SMS_RESEND_LIMIT = "短信仅可重发2次，系统不再重发短信验证码。"
# Seed 003 §9 names two cases: nothing waits for this mobile at all, and a mobile + last 6 that match no record.
SMS_NO_PENDING_RESEND = "暂无待短信核验的备案申请，无需重发短信。"
SMS_NO_RECORD = "该条验证库里找不到记录。"
SMS_RATE_LIMITED = "操作过于频繁，请在{wait}后再试。"
SMS_MOBILE_LIMITED = "该手机号输入错误次数过多，请在{wait}后再试。"
BUREAU_LOGIN_FAILED = "用户名或密码不正确"
BUREAU_LOGIN_LIMITED = "登录失败次数过多，请在{wait}后再试。"
API_UNKNOWN_PROVIDER = "未知的接入商"
API_BAD_SIGNATURE = "签名校验失败"
API_STALE = "请求时间戳已过期"
API_BAD_NONCE = "缺少有效的 X-Nonce（16–64 位字母、数字、- 或 _，每次请求不同）"
API_REPLAYED = "请求已被使用（重放）"
SMS_FIELDS_REQUIRED = "请输入短信验证码、手机号和证件号码后6位。"
RETURNED_TIMEOUT = "短信核验超时（24小时内未完成），备案申请已退回。"
RETURNED_WRONG = "短信核验输入错误次数过多，备案申请已退回。"
QUERY_EMPTY = "没有符合条件的备案信息。"
BUREAU_DECIDED = "已{decision}：{ref}"
REJECTION_REASONS = [
    "域名实名信息与主办单位不一致",
    "网站名称不符合命名规范",
    "个人备案涉及企业、行业或经营性内容",
    "备案期间网站已开通访问",
    "涉及前置审批未提供审批文件",
    "主体负责人非法定代表人且未提供授权书",
    "证件照片不清晰或为翻拍件",
    "主办单位信息与国家企业信用信息公示系统不一致",
    "负责人联系电话无法接通",
]
CLAIM_NO_RECORD = "认领失败：没有与该证件号码相符的有效备案。"
CLAIM_NOT_HERE = "认领失败：该备案的网站均未接入本接入商。"
# What the ministry's system answers at once to a new filing its registry contradicts (returned to the provider).
REFUSED_CERT_FILED = "此证件已存在备案信息（工信部已存在备案记录），不能办理首次备案，请办理新增网站或接入备案。"
REFUSED_SUBJECT_NOT_FILED = "主体未备案或已注销，不能办理新增网站，请办理首次备案。"
REFUSED_DOMAIN_FILED = "此域名已存在备案：{domain}。"
REFUSED_ACCESS_NOT_FILED = "域名 {domain} 未备案，不能办理接入备案，请办理新增网站或首次备案。"
REFUSED_ACCESS_OTHER_SUBJECT = "域名 {domain} 已由其他主体备案，不能以本主体办理接入备案。"
REFUSED_ACCESS_SHELL = ("域名 {domain} 的网站为空壳网站（即无接入服务商），无法到原接入服务商处变更手机号码。"
                        "需注销备案后重新提交新增网站备案。")
REFUSED_ACCESS_MOBILE = ("域名 {domain} 的网站负责人手机号码与备案信息不一致。如果您更换了手机号码，"
                         "需先到原备案接入服务商处变更手机号码，再接入备案。")
REFUSED_ACCESS_ALREADY = "域名 {domain} 已接入本接入商，无需办理接入备案。"
REFUSED_CHANGE_SUBJECT_IN_FLIGHT = "该主体正在办理变更主体，变更完成前不能新增网站。"
REFUSED_PROVINCE_TOGETHER = "{province}管局不支持新增网站/接入与变更同时办理：该主体有变更备案正在办理中。"
REFUSED_APP_FILED = "此APP已存在备案：{name}（{package}）。"
REFUSED_ACCESS_APP = "APP“{name}”未备案，接入备案不能包含APP，请办理新增网站/APP。"
# The shape of `apps` in a submission (precheck.md "APP filing"): the interface refuses a malformed one (invalid_apps).
APPS_INVALID = "apps 格式不正确：{path} {problem}"
APPS_PROBLEMS = {
    "list": "应为列表",
    "too_many": "最多 {limit} 个",
    "object": "应为对象",
    "text": "应为字符串",
    "required": "不能为空",
    "too_long": "过长（最多 {limit} 个字符）",
    "platform": "应为 android、ios、harmony 或 other",
    "text_list": "应为字符串列表",
    "object_or_null": "应为对象或 null",
}
APP_NUMBER_INVALID = "app_number 应为 APP备案号（如 浙ICP备2026000001号-1A）"
PLATFORM_LABELS = {"android": "安卓", "ios": "iOS", "harmony": "鸿蒙", "other": "其他"}
SERVICE_TYPE_LABELS = {"website": "网站", "app": "APP"}
