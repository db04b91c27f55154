"""Chinese texts of the applicant wizard (one catalogue)."""

STEPS = [("basic", "验证备案类型"), ("product", "产品验证"), ("subject", "填写主体信息"), ("websites", "填写网站信息"),
         ("materials", "上传资料"), ("confirm", "信息确认")]
TOO_LONG = "不能超过{limit}个字符。"
NOT_A_DATE = "请填写日期，格式为 YYYY-MM-DD，长期有效请填“长期”。"
NOT_A_CHOICE = "请从列表中选择。"
SAVED = "草稿已保存。"
STEP_HAS_ERRORS = "本页还有 {count} 个问题，请按提示修改后再进入下一步（已填写的内容已保存为草稿）。"
TYPE_DETERMINED = "校验通过。根据主体和域名的备案情况，本次办理：{label}。"
TYPE_EXPLAIN = {
    "first": "主体和域名均未在工信部备案过，需要办理首次备案；短信核验对象为主体负责人和网站负责人。",
    "new_site_elsewhere": "主体已通过其他服务商备案成功，本次为新域名办理新增网站；短信核验对象为网站负责人。",
    "new_site_here": "主体已在本服务商备案成功，本次为新域名办理新增网站；短信核验对象为网站负责人。",
    "access": "主体和域名均已通过其他服务商备案，本次将网站接入本服务商；短信核验对象为网站负责人。",
}
TYPE_UNDECIDED = "暂时无法判定备案类型，请先处理下列问题。"
ORDER_CREATED = "已创建备案订单 {reference}。订单45天内无更新且未通过管局审核将被自动删除。"
CODE_SENT = "验证码已发送至 {mobile}（演示环境可在“演示收件箱”查看）。"
CODE_TOO_SOON = "验证码发送过于频繁，请 {seconds} 秒后再试。"
CODE_LIMIT = "今日发送验证码次数已达上限，请明天再试。"
CODE_WRONG = "验证码不正确或已过期，请重新获取。"
CODE_REQUIRED = "请获取并填写发送到主体负责人手机的验证码，以确认手机号码真实有效。"
CODE_ATTEMPTS = "验证码错误次数过多，请重新获取验证码。"
MOBILE_FIRST = "请先填写正确的手机号码。"
SUBMITTED = "订单已提交初审。审核专员将在1个工作日内完成初审。"
ALREADY_SUBMITTED = "订单已提交，无需重复提交。"
CANCELLED = "订单已取消，占用的证件和域名已释放。"
WEBSITE_ADDED = "已新增一个网站，请填写其信息。"
WEBSITE_REMOVED = "已删除网站。"
LAST_WEBSITE = "至少需要保留一个网站。"
AGREEMENT = "我已阅读并同意《ICP备案信息真实性承诺书》：所填信息真实、准确、完整，如有虚假愿承担相应责任。"
UPLOAD_OK = "资料已上传。"
CHANGE_STARTED = "已创建{kind}订单 {reference}，请修改需要变更的信息后提交。"
NO_WEBSITE = "请选择要办理的网站。"
NOT_FOUND = "未找到该订单，或您无权访问。"
KIND_NOT_ALLOWED = "该备案不能办理此操作。"
PHONE_LINK_CREATED = "已生成手机核验链接（24小时内有效）：请用手机扫描二维码，或复制链接发送给负责人本人。"
PHONE_LINK_REVOKED = "链接已撤销，旧的二维码和链接已不可使用。"
CONFLICT = ("此订单已在其他页面或标签页中被修改：下列 {count} 项与已保存的内容不同，本次未保存。请逐项选择保留您填写的值"
            "还是采用已保存的值，然后再保存（您填写的内容仍在本页，不会丢失）。")
CONFLICT_CHOOSE = "请逐项选择保留您填写的值还是采用已保存的值（还有 {count} 项未选择），然后再保存。"
CONFLICT_ACTION_NOT_DONE = "“新增网站”或“删除网站”尚未执行：请先处理冲突并保存，再重新操作。"
ACCESS_NEEDED = "请为以下网站选择云服务器实例或填写备案服务号：{sites}。"
ACCESS_MISSING_SITE = "{site}尚未完成产品验证：请选择云服务器实例或填写备案服务号。"
SITE_LABEL = "网站{number}（{name}）"
SITE_UNNAMED = "未填写域名"
MISSING_SUBJECT = "主办者"
MISSING_MATERIALS = "资料"
MISSING_GO = "去{step}"
MERGED = "已合并其他页面或标签页保存的修改：{fields}采用了其他页面保存的值；您在本页填写的内容已保存。"
SUBMIT_REFUSED = "还有 {count} 项需要完成后才能提交，请按下方“提交前还需完成”逐项处理。"
SITES_GONE = "其他页面或标签页已删除了以下网站，您在本页为它们填写的内容未保存：{sites}。如需保留，请单击“继续新增其他网站”后重新填写。"
SITE_GONE = "网站{number}：名称“{name}”，域名“{domain}”"
