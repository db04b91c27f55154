"""Every message the platform sends (site message, email, SMS), in one catalogue.

Keyed by event; an event is `state:<to_state>` for transitions or a named event (e.g. `sms_code`).
Placeholders: {reference} {kind} {state} {reason} {site_url} {code} {number} {footer} {notes} {next_step};
state:approved: {apps} {apps_sms} (the order's APP numbers and where to show them: APP_NUMBERS below);
psb_reminder: {sites} {portal} {after}.
"""

SITE_NAME = "beian 备案平台"

EVENTS: dict[str, dict[str, str]] = {
    "state:draft": {
        "title": "订单 {reference} 已退回草稿",
        "body": "您的{kind}订单 {reference} 已回到草稿状态，可继续修改。",
    },
    "state:materials": {
        "title": "订单 {reference} 待上传资料",
        "body": "您的{kind}订单 {reference} 基础信息已保存，请上传资料并完成真实性核验。{next_step}",
    },
    "state:provider_review": {
        "title": "订单 {reference} 已提交初审",
        "body": "您的{kind}订单 {reference} 已提交，审核专员将在1个工作日内完成初审，请保持电话畅通。",
        "sms": "【{site}】您的备案订单{reference}已提交初审，审核专员将在1个工作日内联系您，请保持电话畅通。",
    },
    "state:supplement_required": {
        "title": "订单 {reference} 需要补充资料",
        "body": "初审需要您修改或补充资料：{reason}。请登录后按提示修改并重新提交。",
        "sms": "【{site}】您的备案订单{reference}需要补充资料，请登录备案系统查看原因并修改。",
    },
    "state:pending_ministry": {
        "title": "订单 {reference} 初审通过",
        "body": "您的订单 {reference} 已通过初审，将在1个工作日内提交管局。提交后您会收到工信部的短信核验验证码，请在24小时内完成核验。",
    },
    "state:sms_verification": {
        "title": "请在24小时内完成短信核验",
        "body": "订单 {reference} 已提交至工信部备案管理系统。负责人手机将收到6位验证码，请在24小时内访问工信部备案管理系统“短信核验”页面，输入验证码、手机号和证件号码后6位完成核验。",
        "sms": "【{site}】您的备案订单{reference}已提交管局，请在24小时内完成工信部短信核验。",
    },
    "state:bureau_review": {
        "title": "订单 {reference} 管局审核中",
        "body": "短信核验已完成，订单 {reference} 已进入管局审核，一般需要1~20个工作日，审核结果将以短信和邮件通知您。",
    },
    "state:approved": {
        "title": "备案成功：{number}",
        "body": "恭喜，订单 {reference} 已通过管局审核，备案号 {number}。请在网站开通时将以下代码放在首页底部中央：\n{footer}\n并在网站开通（即网站对外提供访问服务）之日起30日内办理公安联网备案。{apps}{notes}",
        "sms": "【{site}】您的备案已通过管局审核，备案号{number}。请在网站底部放置备案号并链接至工信部网站。{apps_sms}",
    },
    "state:bureau_rejected": {
        "title": "订单 {reference} 管局审核未通过",
        "body": "管局驳回了订单 {reference}，原因：{reason}。请按原因修改后重新提交。",
        "sms": "【{site}】您的备案订单{reference}未通过管局审核，请登录备案系统查看原因并修改后重新提交。",
    },
    "state:returned": {
        "title": "订单 {reference} 已退回",
        "body": "订单 {reference} 已退回到您的账号，原因：{reason}。如信息无误可直接重新提交，重新提交后将再次发送短信验证码。",
        "sms": "【{site}】您的备案订单{reference}已退回，原因：{reason}。请登录备案系统处理。",
    },
    "state:cancelled": {
        "title": "订单 {reference} 已取消",
        "body": "您已取消订单 {reference}。订单占用的证件和域名已释放，可重新提交备案。",
    },
    "state:expired": {
        "title": "订单 {reference} 已过期删除",
        "body": "订单 {reference} 超过45天未更新且未通过管局审核，已被自动删除。如仍需备案，请重新提交。",
        "sms": "【{site}】您的备案订单{reference}超过45天未更新，已自动删除。",
    },
    "sms_code": {
        "sms": "【{site}】您的验证码为{code}，用于备案负责人手机号验证，10分钟内有效。请勿泄露给他人。",
    },
    # 认领备案 (filings.claiming): to the account the filing left. Never names the claiming account.
    "filing_claimed": {
        "title": "备案 {number} 已被认领，转入其他账号",
        "body": ("您账号下的备案 {number}（{name}）已由本服务商的另一账号认领：该账号通过了主体负责人手机验证码和人脸核验，"
                 "备案及其网站（{sites}）已转入该账号，您的账号不能再办理该备案的变更、注销等业务，原订单记录仍可查看。"
                 "如非主体授权，请立即联系服务商客服。"),
    },
    "psb_reminder": {
        "title": "请在网站开通之日起30日内办理公安联网备案",
        "body": ("您的网站已取得 ICP 备案号 {number}。依据《计算机信息网络国际联网安全保护管理办法》，"
                 "须在网站开通之日起30日内提交公安联网备案申请：\n{sites}\n{portal}\n{after}\n"
                 "已提交的，请在订单 {reference} 页面标记“已提交公安联网备案”，平台将不再提醒；网站开通日期有误的，也可在该页面修改。"),
    },
}

# Texts that differ by the order's kind, keyed (event, kind); the channels are the event's own (same switches in
# 备案消息通知设置). 取消接入 has no 初审 and no SMS; a 注销 or 取消接入 approval issues no number to put in a footer.
KIND_TEXTS: dict[tuple[str, str], dict[str, str]] = {
    ("state:pending_ministry", "cancel_access"): {
        "title": "取消接入订单 {reference} 待提交管局",
        "body": "您的取消接入订单 {reference} 已提交。取消接入无需初审和短信核验，平台将在1个工作日内提交管局。",
    },
    ("state:bureau_review", "cancel_access"): {
        "title": "取消接入订单 {reference} 管局审核中",
        "body": "取消接入订单 {reference} 已提交管局，审核结果将以短信和邮件通知您。",
    },
    ("state:approved", "cancel_access"): {
        "title": "取消接入已办结：订单 {reference}",
        "body": ("订单 {reference} 已通过管局审核，本服务商已不再为该网站提供接入。请确认网站已不再解析到本服务商的服务器；"
                 "如网站没有其他接入服务商，将成为空壳网站，管局可能注销其备案。"),
        "sms": "【{site}】您的取消接入订单{reference}已通过管局审核，本服务商已不再为该网站提供接入。",
    },
    ("state:approved", "deregister_website"): {
        "title": "注销网站已办结：订单 {reference}",
        "body": "订单 {reference} 已通过管局审核，网站备案号已注销，不能恢复。该网站须停止对外提供访问服务，如需再次开通须重新备案。",
        "sms": "【{site}】您的注销网站订单{reference}已通过管局审核，网站备案号已注销，不能恢复。",
    },
    # The same two kinds for one filed APP (variant "app"): the APP's number, not a website's, and no footer.
    ("state:approved", "cancel_access:app"): {
        "title": "取消接入已办结：订单 {reference}",
        "body": ("订单 {reference} 已通过管局审核，本服务商已不再为APP“{app}”提供接入，其APP备案号保留。请确认APP已不再使用"
                 "本服务商的服务器；如APP没有其他接入服务商，管局可能注销其备案。"),
        "sms": "【{site}】您的取消接入订单{reference}已通过管局审核，本服务商已不再为APP“{app}”提供接入。",
    },
    ("state:approved", "deregister_website:app"): {
        "title": "注销APP已办结：订单 {reference}",
        "body": ("订单 {reference} 已通过管局审核，APP“{app}”的备案号已注销，不能恢复。该APP须停止提供服务并从应用商店下架，"
                 "如需再次上架须重新备案。"),
        "sms": "【{site}】您的注销APP订单{reference}已通过管局审核，APP“{app}”的备案号已注销，不能恢复。",
    },
    ("state:approved", "deregister_subject"): {
        "title": "注销主体已办结：订单 {reference}",
        "body": ("订单 {reference} 已通过管局审核，主体备案号及其下全部网站备案号已注销，不能恢复。相关网站须停止对外提供访问服务，"
                 "如需再次开通须重新办理首次备案。"),
        "sms": "【{site}】您的注销主体订单{reference}已通过管局审核，主体及其下全部网站备案号已注销，不能恢复。",
    },
}

# An approval whose order files APPs and no website (an APP-only filing, a 变更 of an APP): no footer to place, the
# APP numbers and where the APP must show them instead (render: KIND_TEXTS first, then these variants).
VARIANT_TEXTS: dict[tuple[str, str], dict[str, str]] = {
    ("state:approved", "apps_only"): {
        "title": "备案成功：{number}",
        "body": "恭喜，订单 {reference} 已通过管局审核，主体备案号 {number}。{apps}{notes}",
        "sms": "【{site}】您的APP备案已通过管局审核，主体备案号{number}。{apps_sms}",
    },
}

# 《工业和信息化部关于开展移动互联网应用程序备案工作的通知》: the APP shows its number where users see it — its
# 关于/设置 page, or the store's detail page — as a website shows its number in the footer, linked to the MIIT site.
APP_NUMBERS = "\nAPP备案号：\n{lines}\n{where}"
APP_NUMBER_LINE = "· {name}（{platforms}）：{number}"
APP_NUMBER_WHERE = ("请在APP的“关于”或“设置”页面显著位置标明APP备案号，或在应用商店的应用详情页中展示，"
                    "并链接至工信部备案管理系统 https://beian.miit.gov.cn/ 。")
APP_NUMBERS_SMS = "APP备案号：{numbers}，请在APP“关于”/“设置”页或应用商店的应用详情页展示。"
APP_NUMBER_SMS_ITEM = "{name} {number}"
LIST_JOIN, SMS_JOIN = "、", "；"

SINK_TITLE = "演示收件箱：短信与邮件"
SINK_INTRO_OWN = ("演示环境没有真实的短信网关和邮件服务器：这里显示为您的订单发出的短信和邮件（发往您邮箱（{email}）、"
                  "负责人邮箱和您添加的接收人），别人的短信和邮件不会显示。正式运行时没有本页。")
SINK_INTRO_ALL = "演示环境没有真实的短信网关和邮件服务器：您是服务商员工，这里显示平台发出的全部短信和邮件。正式运行时没有本页。"
INBOX_TITLE = "站内消息"

# ---- 备案消息通知设置 (seed 003: "审核结果将以短信和邮件等形式通知您，通知接收渠道及接收人的设置请参见备案消息通知设置")
SETTINGS_TITLE = "备案消息通知设置"
SETTINGS_SEED = "审核结果将以短信和邮件等形式通知您，通知接收渠道及接收人的设置请参见备案消息通知设置。"
SETTINGS_INTRO = ("每一条通知除发给本账号外，还会发给备案信息中填写的主体负责人和网站负责人：邮件发往负责人的电子邮箱"
                  "（“此邮箱将用于接收备案消息通知”），短信发往负责人的手机号。您可以按通知类型选择邮件和短信是否发送，"
                  "并添加其他接收人。")
SETTINGS_SITE_ALWAYS = ("站内信始终开启，不能关闭：它是平台发给您的每一条备案通知的存档，关闭邮件和短信后，"
                        "订单退回、待补充资料、短信核验期限、订单即将过期删除等消息仍可在“站内消息”中查到，"
                        "避免因未收到通知而错过处理时限。")
SETTINGS_NO_SMS = "此类通知不发短信"
SETTINGS_EXTRA_HELP = "其他接收人：最多 {limit} 个邮箱、{limit} 个手机号（中国内地手机号）。开启邮件或短信的通知也会发给他们。"
SETTINGS_SAVED = "备案消息通知设置已保存。"
SETTINGS_NOT_SAVED = "备案消息通知设置未保存：请按提示修改后重新保存，原有设置保持不变。"
SETTINGS_HISTORY = "修改记录"
SETTINGS_LINK = "备案消息通知设置"

CHANNEL_LABELS = {"site": "站内信", "email": "邮件", "sms": "短信"}

# Every notification of the catalogue (an event with a site message) as the settings page names it.
EVENT_LABELS = {
    "state:draft": "订单退回草稿",
    "state:materials": "待上传资料",
    "state:provider_review": "已提交初审",
    "state:supplement_required": "初审退回（待补充资料）",
    "state:pending_ministry": "初审通过（待提交管局）",
    "state:sms_verification": "待短信核验",
    "state:bureau_review": "管局审核中",
    "state:approved": "管局审核通过（备案成功）",
    "state:bureau_rejected": "管局审核未通过",
    "state:returned": "订单已退回",
    "state:cancelled": "订单已取消",
    "state:expired": "订单过期删除",
    "psb_reminder": "公安联网备案提醒",
    "filing_claimed": "备案被其他账号认领",
}

# Errors of the settings form: code -> message (the codes are stable: pages carry them in data-code).
SETTINGS_ERRORS = {
    "extra_email_invalid": "第 {n} 个接收邮箱“{value}”不是有效的邮箱地址，请填写如 name@example.com 的地址。",
    "extra_email_too_many": "最多添加 {limit} 个接收邮箱，您填写了 {count} 个。",
    "extra_mobile_invalid": "第 {n} 个接收手机号“{value}”不是有效的中国内地手机号，请填写11位手机号，如 13800000000。",
    "extra_mobile_too_many": "最多添加 {limit} 个接收手机号，您填写了 {count} 个。",
}

# Why a copy reaches someone other than the account holder (the last lines of the mail).
EMAIL_WHY_PRINCIPAL = "您收到此邮件，是因为您的邮箱填写在备案订单 {reference} 的负责人信息中（此邮箱将用于接收备案消息通知）。"
EMAIL_WHY_EXTRA = "您收到此邮件，是因为备案账号在“备案消息通知设置”中将您添加为接收人。"
