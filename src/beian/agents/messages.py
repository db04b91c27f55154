"""Chinese texts of agent (reseller) accounts (one catalogue)."""

DASHBOARD_TITLE = "代理商工作台"
MINE_TITLE = "我的代理商"
NOT_AGENT = "当前账号不是代理商账号。"
CUSTOMER_NOT_FOUND = "未找到该客户，或您无权代其办理。"
LINK_NOT_FOUND = "未找到该代理关系。"

EMAIL_INVALID = "请填写有效的邮箱地址。"
NAME_REQUIRED = "请填写客户名称。"
EMAIL_TAKEN = "该邮箱已注册：请使用「邀请已有账号」，由对方在其账号中接受邀请。"
EMAIL_UNKNOWN = "未找到使用该邮箱的账号：请使用「创建客户账号」。"
ALREADY_LINKED = "该账号已是您的客户或已有待接受的邀请。"
SELF_LINK = "不能把自己的账号添加为客户。"
HAS_OTHER_AGENT = "该账号已由其他代理商代办，须先解除原代理关系后才能接受。"
CUSTOMER_CREATED = "已创建客户账号 {email}，设置密码的邮件已发送。"
INVITED = "已向 {email} 发送邀请，对方在其账号中接受后您才能代其办理。"
ACCEPTED = "已接受代理商 {agent} 的邀请：对方现在可以代您办理备案。"
DECLINED = "已拒绝代理商 {agent} 的邀请。"
LEFT = "已解除与代理商 {agent} 的代理关系：对方不再能查看或办理您的订单。"
REMOVED = "已解除与客户 {email} 的代理关系。"
ACTING_STARTED = "正在代 {customer} 办理：各页面均在该客户账号中操作。"
ACTING_STOPPED = "已退出代客户办理，回到您自己的账号。"
ACTING_ENDED = "代客户办理已结束：该客户已解除代理关系或代理商资格已停用。"

BANNER = "正在代 {customer} 办理"
BANNER_EXIT = "退出"
ON_BEHALF = "代理商 {agent} 代客户 {customer}"


INVITE_SUBJECT = "{agent} 邀请您成为其代办客户"
INVITE_BODY = ("代理商 {agent} 邀请您的账号 {email} 成为其代办客户。接受后，对方可以代您填写和提交备案订单、上传资料并查看您的订单；"
               "真实性核验（人脸核验）和短信核验仍须由负责人本人完成。您可以随时在「我的代理商」中解除。\n\n"
               "接受或拒绝：{url}")
CREATED_SUBJECT = "{agent} 为您创建了备案平台账号"
CREATED_BODY = ("代理商 {agent} 为您（{name}）创建了备案平台账号 {email}，将代您办理ICP备案。请通过以下链接设置密码：\n{url}\n\n"
                "登录后可随时查看订单进度；真实性核验（人脸核验）和短信核验须由负责人本人完成。"
                "如需解除代理关系，请在「我的代理商」中操作。")
EVENT_KINDS = {"created": "创建客户账号", "invited": "发出邀请", "accepted": "客户接受邀请", "declined": "客户拒绝邀请",
               "left": "客户解除代理", "removed": "代理商解除代理", "acting_started": "开始代客户办理",
               "acting_stopped": "结束代客户办理"}
AGENT_ENDED_LINE = "{agent}（代理关系已解除）"
