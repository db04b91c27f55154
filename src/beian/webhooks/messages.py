"""Chinese texts of the webhooks app (one catalogue for the app)."""

TITLE = "Webhook"
INTRO = ("订单状态每次变化时，平台向您登记的地址 POST 一份签名的 JSON 通知（签名方法见 API 文档的 Webhooks 一节）。"
         "接收方在 5 秒内返回 2xx 即为送达；否则按 1 分钟、5 分钟、30 分钟、2 小时、6 小时重试。")

EVENT_LABELS = {
    "order.created": "订单创建",
    "order.state_changed": "订单状态变化（含变化前后的状态）",
    "order.approved": "备案成功（含备案号）",
}
TEST_EVENT_LABEL = "测试事件"

# Errors: code -> text. Codes are stable (API `code`, data-code in the page).
ERRORS = {
    "webhook_url_required": "请填写接收通知的 URL。",
    "webhook_url_invalid": "URL 格式不正确：须为 https://主机名/路径 的完整地址，不能包含用户名或密码，长度不超过 500 个字符。",
    "webhook_url_scheme": "URL 须以 https:// 开头（演示与测试环境中，仅本机地址 127.0.0.1 / localhost 可使用 http://）。",
    "webhook_url_private": "URL 指向内网、本机或保留地址（{address}），平台不会向这类地址发送通知。请使用可从公网访问的地址。",
    "webhook_url_port": "URL 的端口 {port} 不允许，请使用 443、80 或 1024 以上的端口。",
    "webhook_unresolvable": "无法解析目标主机名，请确认域名已生效。",
    "webhook_events_required": "请至少选择一种事件。",
    "webhook_events_invalid": "未知的事件类型：{events}。可选：{known}。",
    "webhook_description_invalid": "备注不能超过 100 个字符，且不能包含控制字符。",
    "webhook_limit": "每个账号最多登记 {limit} 个 Webhook 地址。",
    "webhook_disabled": "该 Webhook 已停用，请先在编辑中重新启用。",
    "not_found": "未找到该 Webhook，或您无权访问。",
}

CREATED = "Webhook 已添加。签名密钥只显示这一次，请立即复制保存。"
UPDATED = "Webhook 已保存。"
DELETED = "Webhook 已删除。"
ROTATED = "签名密钥已更换，旧密钥立即失效。新密钥只显示这一次，请立即复制保存。"
TEST_SENT = "测试事件已发送，结果见下方投递记录。"
REDELIVERED = "已重新发送，结果见下方投递记录。"
NOT_SAVED = "未保存，请修改后重试："

DISABLED_REASON = "连续 {count} 次投递在全部重试后仍失败，已自动停用。"
DISABLED_NOTICE_SUBJECT = "Webhook 已停用"
DISABLED_NOTICE_BODY = ("您的 Webhook 地址 {url} 连续 {count} 次投递在全部重试后仍失败，平台已自动停用它。"
                        "请检查接收方后，在账号的 Webhook 页面重新启用。")

# Delivery log texts (stored with the attempt; shown to the owner).
BLOCKED = "目标地址不允许：{reason}"
NOT_2XX = "接收方返回 HTTP {status}"
ACTION_LABELS = {"created": "添加", "updated": "修改", "deleted": "删除", "rotated": "更换密钥", "tested": "发送测试事件",
                 "redelivered": "重新发送", "disabled": "自动停用"}
VIA_LABELS = {"web": "网页", "api": "API", "system": "系统"}
STATUS_LABELS = {"pending": "等待重试", "succeeded": "已送达", "failed": "失败（已停止重试）"}
