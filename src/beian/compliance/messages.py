"""Chinese texts of post-filing compliance (footer, 公安联网备案 reminder)."""

FOOTER_OK = "网站底部已放置备案号，并链接至工信部备案管理系统。"
FOOTER_NUMBER_MISSING = "网站底部未找到备案号 {number}。请在首页底部中央放置主体备案号或网站备案号。"
FOOTER_NOT_LINKED = "备案号 {number} 未链接至 https://beian.miit.gov.cn/ 。请将备案号设置为指向工信部备案管理系统的链接。"
FOOTER_FETCH_FAILED = "无法访问 {url}：{reason}。请确认网站已开通并可从本平台访问。"
FOOTER_NUMBER_INVALID = "“{number}”不是有效的 ICP 备案号，格式应为“浙ICP备2026000001号”或“浙ICP备2026000001号-1”。"
PSB_REMINDER_SUBJECT = "请在网站开通之日起30日内办理公安联网备案"
PSB_REMINDER_BODY = (
    "您的网站 {domain} 已取得 ICP 备案号 {number}。依据《计算机信息网络国际联网安全保护管理办法》，"
    "请在网站开通之日起30日内登录全国互联网安全管理服务平台（上海地区请使用上海专门入口）提交公安联网备案申请，"
    "审核通过后30日内在网站底部放置公安备案号及图标。"
)
