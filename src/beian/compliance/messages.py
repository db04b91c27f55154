"""Chinese texts of post-filing compliance (footer, 版权所有, 公安联网备案 reminder, 经营性 ICP 许可证)."""

FOOTER_OK = "网站底部已放置备案号，并链接至工信部备案管理系统。"
FOOTER_NUMBER_MISSING = "网站底部未找到备案号 {number}。请在首页底部中央放置主体备案号或网站备案号。"
FOOTER_NOT_LINKED = "备案号 {number} 未链接至 https://beian.miit.gov.cn/ 。请将备案号设置为指向工信部备案管理系统的链接。"
FOOTER_FETCH_FAILED = "无法访问 {url}：{reason}。请确认网站已开通并可从本平台访问。"
FOOTER_NUMBER_INVALID = "“{number}”不是有效的 ICP 备案号，格式应为“浙ICP备2026000001号”或“浙ICP备2026000001号-1”。"

# 版权所有 (seed 003 §11: "部分省份管局要求，例如江苏省，需要在网站下方添加版权所有，所添加的版权所有需要与您的单位名称保持一致").
COPYRIGHT_NOTE = "{province}管局要求在网站底部添加“版权所有”，且须与主办单位名称一致：上面的代码已包含“© {name} 版权所有”。"

# 公安联网备案 (seed 003 §11). The seed names the national platform for everyone but 上海, and for 上海 the
# 《关于上海市网站公安联网备案公告》 (reference.md: "公安备案走上海专门入口"); it gives no address for the latter.
PSB_PORTAL_NATIONAL = "请登录全国互联网安全管理服务平台（https://beian.mps.gov.cn）提交公安联网备案申请。"
PSB_PORTAL_SHANGHAI = ("上海地区用户：请按《关于上海市网站公安联网备案公告》通过上海专门入口提交公安联网备案申请"
                       "（全国互联网安全管理服务平台 https://beian.mps.gov.cn 适用于上海以外地区）。")
PSB_AFTER_APPROVAL = ("公安联网备案审核通过后，请在30日内登录全国互联网安全管理服务平台，复制网站公安机关备案号和备案编号HTML代码，"
                      "下载备案编号图标，并放置在网页底部。")
PSB_DUE = "{domain}（{number}）：网站开通日期 {opened_on}，请于 {deadline} 前提交（还剩 {days} 天）"
PSB_DUE_TODAY = "{domain}（{number}）：网站开通日期 {opened_on}，今天（{deadline}）是提交的最后一天"
PSB_OVERDUE = "{domain}（{number}）：网站开通日期 {opened_on}，提交期限 {deadline} 已过，请尽快提交"
PSB_OPENED_SAVED = "已保存 {domain} 的网站开通日期 {opened_on}：请于 {deadline} 前提交公安联网备案申请。"
PSB_DONE_SAVED = "已记录 {domain} 已提交公安联网备案申请，平台不再提醒。"
PSB_OPENED_EVENT = "确认 {domain} 的网站开通日期为 {opened_on}（原为 {previous}），公安联网备案提交期限为 {deadline}。"
PSB_DONE_EVENT = "申请人确认 {domain} 已提交公安联网备案申请。"
PSB_BAD_DATE = "请填写有效的网站开通日期，格式如 2026-03-02。"
PSB_FUTURE_DATE = "网站开通日期不能晚于今天（{today}）：请在网站开通后再确认。"
PSB_BEFORE_APPROVAL = ("网站开通日期不能早于备案通过日期 {approved_on}：网站须在取得备案号后才能开通"
                       "（“在网站开通服务前，您需…完成ICP备案”）。")
PSB_NOT_ACTIVE = "{domain} 已注销或已取消接入，无需办理公安联网备案。"
PSB_BAD_ACTION = "无法识别的操作，请刷新页面后重试。"

# 经营性 ICP 许可证 (seed 003 §11: "如果您的网站属于经营性网站（通过互联网上网用户有偿提供信息或者网页制作等服务活动），
# 则需在ICP备案后申请经营性ICP许可证"). Shown for a website whose 服务类型 is 网络购物 (docs/decisions.md).
LICENCE_NOTE = ("经营性ICP许可证：{domains} 的服务类型为“{service_type}”。如果网站属于经营性网站（通过互联网向上网用户有偿提供信息"
                "或者网页制作等服务活动），需在ICP备案后向通信管理局申请经营性ICP许可证（增值电信业务经营许可证）。")
