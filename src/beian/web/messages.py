"""Chinese texts of the public pages (precheck page), and the field labels for findings."""

PRECHECK_EMPTY = "请粘贴备案申请 JSON，或选择一个 .json 文件上传。"
PRECHECK_TOO_LARGE = "文件过大（上限 {limit} KB），请只上传一份备案申请。"
PRECHECK_NOT_UTF8 = "文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再上传。"
PRECHECK_NOT_APPLICATION = "内容不是有效的备案申请：字段“{label}”（{path}）{message}。"
PRECHECK_OK = "预检通过：未发现需要修改的问题。"
PRECHECK_HAS_ERRORS = "预检发现 {count} 个需要修改的问题，请按字段逐一修改。"

# Field labels for finding paths (precheck.md paths), longest key first wins.
FIELD_LABELS = {
    "region": "地区", "province": "省份", "city": "城市", "district": "区县", "requested_type": "备案类型",
    "subject": "主办者", "nature": "备案性质", "cert_type": "证件类型", "name": "名称", "cert_number": "证件号码",
    "cert_address": "证件住所", "mailing_address": "通信地址", "investor": "投资人或主管单位", "remark": "备注",
    "principal": "负责人", "cert_valid_until": "证件有效期", "mobile": "手机号码", "contact2": "联系方式2",
    "emergency_mobile": "应急联系电话", "email": "电子邮箱", "websites": "网站", "domains": "域名",
    "content": "网站内容", "service_type": "服务类型", "languages": "网站语言", "pre_approvals": "前置审批",
    "access": "接入信息", "ip": "IP地址", "service_number": "备案服务号", "materials": "资料", "context": "上下文",
    "today": "日期", "$": "申请", "bytes": "文件大小", "width": "宽度", "height": "高度", "owner": "所属",
    "kind": "资料类型", "side": "正反面", "format": "格式",
}
SPECIAL = {"subject.principal": "主体负责人", "subject.name": "主办单位名称", "websites[].name": "网站名称",
           "websites[].principal": "网站负责人"}
FILING_TYPE_UNDECIDED = "无法判定（请先处理备案类型相关问题）"

PRECHECK_NUMBER_TOO_BIG = "内容中有超出范围的数字{where}：备案申请中的数字（如文件大小、宽高）须为合理的有限数值。"
PRECHECK_NUMBER_WHERE = "（字段“{label}”，{path}）"
PRECHECK_FAILED = "这份内容无法预检（错误编号 {code}），请检查各字段的类型后重试；问题持续时请联系客服。"
PRECHECK_FORM_INTRO = "按下面的表单逐项填写，单击“开始预检”，问题会显示在对应字段下方。"
ADD_WEBSITE = "＋ 新增网站"
WEBSITE_LIMIT = "一份预检最多 {limit} 个网站。"
# Error pages (platform and ministry simulator): status -> (stable code, title, what happened and what to do).
ERRORS = {
    400: ("bad_request", "请求无法处理",
          "提交的内容格式不正确，未保存任何内容。请返回上一页检查后重新提交。"),
    403: ("forbidden", "没有权限访问此页面",
          "当前账号没有权限访问此页面。如果您用的是其他账号，请重新登录有权限的账号。"),
    404: ("not_found", "页面不存在",
          "您访问的页面不存在或已被删除，请检查网址，或回到首页重新进入。"),
    405: ("method_not_allowed", "不支持此操作方式",
          "此页面不接受这种请求方式（{method}）。请回到上一页，用页面上的按钮或链接操作。"),
    410: ("gone", "内容已失效", "您访问的内容已失效或已被撤销，请回到首页重新进入。"),
    413: ("too_large", "提交的内容过大",
          "本次提交的内容超过了上限（{limit}），未保存任何内容。请压缩图片或减少内容后，返回上一页重新提交。"),
    429: ("throttled", "操作过于频繁", "您的操作过于频繁，请稍后再试。"),
    500: ("server_error", "系统出现错误",
          "服务器处理您的请求时出错，我们已记录此问题。已保存的内容不会丢失，请稍后重试；如问题持续，请联系客服并提供下方的请求编号。"),
    503: ("unavailable", "服务暂时不可用", "服务暂时不可用，请稍后重试。"),
}
ERROR_OTHER = ("error", "请求未能完成", "请求未能完成，请返回上一页重试。")
CSRF_FAILED = ("csrf_failed", "页面已过期，请刷新后重试",
               "为保护您的账号安全，本次提交未被接受，也未保存任何内容：页面可能打开太久、您在其他标签页退出或重新登录过，"
               "或浏览器禁用了 Cookie。请返回上一页，刷新后重新提交；如仍不行，请重新登录。")
CONTROL_CHARACTERS = ("input_control_characters", "输入中含有不可见的控制字符",
                      "“{label}”中含有不可见的控制字符（如 NUL 空字符），本次提交未被接受，也未保存任何内容。"
                      "请返回上一页，删除该项内容后重新手动输入，再提交。")
RETRY_AFTER = "请在 {seconds} 秒后重试。"
ACTION_BACK = "返回上一页"
ACTION_HOME = "回到首页"
ACTION_LOGIN = "重新登录"
ACTION_RETRY = "重试"
REQUEST_ID = "请求编号"
ERROR_CODE = "错误代码"
# Names of inputs that are not application paths (those are labelled by FIELD_LABELS / field_label).
INPUT_LABELS = {
    "details": "说明", "note": "说明", "notes": "备注", "mail_address": "邮寄地址", "tracking_number": "快递单号",
    "appointment_at": "视频核验预约时间", "application": "备案申请 JSON", "username": "邮箱", "password": "密码",
    "password1": "密码", "password2": "确认密码", "new_password1": "新密码", "new_password2": "确认新密码",
    "q": "查询内容", "code": "验证码", "sms_code": "短信验证码", "cert_last6": "证件号码后6位", "reason": "原因",
    "mobile": "手机号码", "file": "上传文件", "$body": "请求内容", "$path": "网址",
}
# Abuse limits (beian.web.limits): what was refused and when to try again, per rule in settings.RATE_LIMITS.
RATE_LIMITED = {
    "sms_mobile": "该手机号接收验证码次数过多，请在{wait}后再获取。",
    "sms_account": "您的账号获取验证码次数过多，请在{wait}后再获取。",
    "sms_ip": "您所在网络获取验证码次数过多，请在{wait}后再获取。",
    "register_ip": "您所在网络注册次数过多，请在{wait}后再试。",
    "register_email": "该邮箱注册尝试次数过多，请在{wait}后再试。",
    "reset_ip": "您所在网络找回密码次数过多，请在{wait}后再试。",
    "reset_email": "该邮箱找回密码次数过多，请先查收已发送的邮件，或在{wait}后再试。",
    "login_account": "该账号登录失败次数过多，已暂时锁定，请在{wait}后再试，或通过“忘记密码”重置密码。",
    "login_ip": "您所在网络登录失败次数过多，请在{wait}后再试。",
    "upload_order": "该订单上传资料过于频繁，请在{wait}后再上传。",
    "upload_account": "您的账号上传资料过于频繁，请在{wait}后再上传。",
    "phone_upload": "上传过于频繁，请在{wait}后再上传。",
    "claim_lookup_account": "您的账号查询认领备案次数过多，请在{wait}后再试。",
    "claim_lookup_ip": "您所在网络查询认领备案次数过多，请在{wait}后再试。",
    "phone_face": "人脸核验尝试次数过多，请在{wait}后再试。",
    "phone_manual": "申请人工审核过于频繁，请在{wait}后再试。",
    "handoff_open": "打开“在手机上继续”链接过于频繁，请在{wait}后再试。",
    "handoff_create": "生成“在手机上继续”二维码过于频繁，请在{wait}后再试。",
    "agent_customer": "创建或邀请客户过于频繁，请在{wait}后再试。",
}
RATE_LIMITED_OTHER = "操作过于频繁，请在{wait}后再试。"
WAIT_SECONDS = "{n} 秒"
WAIT_MINUTES = "{n} 分钟"
WAIT_HOURS = "{n} 小时"

# Installable web app (issue 20 #6): the manifest and the page the service worker shows without a network.
APP_NAME = "备案助手 · beian"
APP_SHORT_NAME = "备案助手"
APP_DESCRIPTION = "ICP备案：在手机或电脑上填写、上传资料、核验并提交，无需安装应用。"
OFFLINE_TITLE = "当前没有网络连接"
OFFLINE_TEXT = [
    "你的资料已保存在服务器上：已保存的草稿、已上传的资料和已提交的订单都不会因断网而丢失。",
    "联网后继续：恢复网络后点击下面的按钮（或刷新页面），回到“我的备案”继续办理。本页未保存的输入请在联网后重新保存。",
    "为保护个人信息，备案页面和资料不会保存在本设备上，因此离线时无法查看或修改订单。",
]
OFFLINE_RETRY = "联网后继续"
