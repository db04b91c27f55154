"""Chinese texts of the platform's ministry integration (one catalogue)."""

SUBMIT_RETRY = "管局系统暂时无法连接，订单将自动重试提交（第 {attempt} 次），已填写的信息不会丢失。"
SMS_HINT = "请在24小时内完成短信核验"
SMS_DEADLINE = "短信核验截止：{deadline}"
SMS_HOW = "负责人手机将收到工信部（12381）发送的6位验证码，请访问工信部备案管理系统“短信核验”页面，输入验证码、手机号和证件号码后6位。"
RETURNED_BY_MINISTRY = "管局退回：{reason}"
REJECTED_BY_BUREAU = "管局审核未通过：{reason}"
APPROVED = "管局审核通过，备案号 {number}"
PLATFORM_LABELS = {"android": "安卓", "ios": "iOS", "harmony": "鸿蒙", "other": "其他"}
STATUS = {"accepted": "管局已受理", "sms": "等待短信核验", "bureau": "管局审核中", "approved": "审核通过",
          "rejected": "审核不通过", "returned": "已退回"}
CALLBACK_UNKNOWN_PROVIDER = "未知的调用方"
CALLBACK_BAD_SIGNATURE = "签名校验失败"
CALLBACK_STALE = "请求时间戳已过期或无效"
CALLBACK_BAD_NONCE = "缺少有效的 X-Nonce（16–64 位字母、数字、- 或 _，每次请求不同）"
CALLBACK_REPLAYED = "请求已被使用（重放）"
CALLBACK_POST_ONLY = "仅接受 POST 请求"
CALLBACK_TOO_LARGE = "请求体过大"
CALLBACK_TOO_MANY = "一次最多推送 {limit} 条结果"
CALLBACK_INVALID = "请求体应为 JSON：{\"results\": [...]}"
CALLBACK_INVALID_RESULT = "该条结果缺少或含有无效的 result_id、request_id 或 status，未处理"
CALLBACK_RETRY = "暂时无法处理，请稍后重试推送"
