"""Chinese texts of the order lifecycle (one catalogue for the app)."""

TRANSITION_NOT_ALLOWED = "订单当前状态为“{state}”，不能执行此操作（{target}）。"
CERT_ORDER_IN_PROGRESS = "此证件存在进行中的订单（{reference}）。请先完成或取消该订单。"
DOMAIN_ORDER_IN_PROGRESS = "该域名 {domain} 存在进行中的订单（{reference}）。请先完成或取消该订单。"
# The order in flight is another account's: its reference is not this account's to see.
CERT_ORDER_IN_PROGRESS_ELSEWHERE = "此证件存在进行中的订单（不在当前账号下）。请由提交该订单的账号完成或取消该订单后再办理。"
DOMAIN_ORDER_IN_PROGRESS_ELSEWHERE = "该域名 {domain} 存在进行中的订单（不在当前账号下）。请由提交该订单的账号完成或取消该订单后再办理。"
NO_NEW_SITE_WITH_CHANGE = ("{province}管局不支持新增网站/接入与变更同时办理：此主体的“{other_kind}”订单（{reference}）"
                           "正在办理中，请待其办结或取消后再办理“{kind}”。")
DOMAIN_ALREADY_FILED = "此域名已存在备案"
CERT_ALREADY_FILED = "此证件已存在备案信息"
# Seed 003 §1.1 常见问题 names the message; what to do follows §1.1 step 4 (the check is made "根据您填写的基础信息和
# 当前登录的阿里云账号") and §1.4 (a subject filed here adds a site by 新增网站（原备案在本服务商）). Never names the
# other account or anything of its filing (docs/decisions.md).
SUBJECT_FILED_UNDER_OTHER_ACCOUNT = (
    "该域名对应的主体信息在系统中已经存在：此证件已存在备案信息，由本服务商的其他账号办理。请登录办理该备案的账号，在其"
    "“我的备案”中办理新增网站（原备案在本服务商）；如该账号已不由您掌握，请在“我的备案”页面单击“认领备案”，由主体负责人完成"
    "手机验证码和人脸核验后将该备案转入当前账号。")
DOMAIN_FILED_UNDER_OTHER_ACCOUNT = (
    "该域名对应的主体信息在系统中已经存在：此域名已存在备案，由本服务商的其他账号办理。如该备案属于您，请登录办理该备案的账号"
    "办理变更备案，或在“我的备案”页面单击“认领备案”将该备案转入当前账号；如域名已转让给您，请原主体先注销该网站备案。")
STALE_VERSION = "此订单已在其他页面或标签页中被修改，请刷新页面后重新填写（您已保存的内容不会丢失）。"
NOT_EDITABLE = "订单当前状态为“{state}”，不能修改。"
SUBMIT_HAS_ERRORS = "还有 {count} 个问题需要修改后才能提交。"
SUBMIT_MISSING_MATERIALS = "还缺少以下资料，请上传后再提交：{items}。"
VERIFICATION_REQUIRED = ("以下人员尚未完成真实性核验：{people}。请在“上传资料”页面生成二维码，由本人用手机上传证件并完成"
                         "人脸核验（多次失败可申请人工审核），通过后再提交。")
VERIFICATION_REQUIRED_REVIEW = ("以下人员尚未完成真实性核验：{people}。须人脸核验通过或人工核验通过（填写理由）后，才能初审通过并"
                                "提交管局。")
SUBMIT_NEEDS_AGREEMENT = "请阅读并同意《ICP备案信息真实性承诺书》后再提交。"
EXPIRED_REASON = "订单超过45天未更新，已自动删除（保留记录以备审计）。"
CANCELLED_REASON = "申请人取消订单。"
# 由谁处理 once the order is closed: who closed it.
# The next step of an approved order that files APPs and no website (precheck.md "APP filing"; notifications' APP_NUMBER_WHERE).
APPROVED_APPS_ONLY = "备案完成：在APP的“关于”或“设置”页面或应用商店的应用详情页展示APP备案号"
FINISHED_BY = {"approved": "无需处理（管局已通过，已办结）", "cancelled": "无需处理（您已取消订单）",
               "expired": "无需处理（超期未更新，备案平台已关闭订单）"}
# Change orders (变更主体/变更网站/变更接入) against the filed websites, seed 003 §3.1 (域名).
CHANGE_DOMAIN_EDIT_FORBIDDEN = ("网站只有一个域名（{domain}）：禁止对域名本身进行变更（除不能对域名本身做修改外，其他信息仍可以修改，"
                                "例如联系方式、电子邮箱等）。")
CHANGE_DOMAIN_ONLY_REMOVAL = ("网站有多个域名（{domains}）：只允许在原域名列表的基础上保持域名不变或删除域名，不能修改或新增域名"
                              "（{domain} 不在原域名列表中）。")
CHANGE_WEBSITE_ADD_FORBIDDEN = "变更备案中不能新增网站。如需新增网站，请在变更完成后办理“新增网站（原备案在本服务商）”。"
CHANGE_APP_ADD_FORBIDDEN = "变更备案中不能新增APP。如需新增APP，请在变更完成后在“备案管理”中办理“新增APP”（新增网站/APP）。"
# 认领备案 (filings.claiming): a filing of this provider moves to the account that proves control of it.
CLAIM_QUERY_INVALID = "请填写主体备案号（如 浙ICP备2024000001号）或该主体已备案网站的域名（如 example.com）。"
CLAIM_CERT_REQUIRED = "请填写主办单位的证件号码（与备案信息一致）。"
CLAIM_NOT_FOUND = ("未找到与所填备案号或域名及证件号码相符的有效备案。请核对后重试：备案号须为主体备案号，证件号码须与备案时填写的"
                   "主办单位证件号码一致。")
CLAIM_NOT_AT_PROVIDER = ("该备案的网站均未接入本服务商，不能在本服务商认领。请在为其提供接入的服务商处办理；如需将网站接入本服务商，"
                         "请办理接入备案。")
CLAIM_ALREADY_YOURS = "该备案已在您的账号下，无需认领。请在“我的备案”的“已备案”中查看和办理。"
CLAIM_IN_FLIGHT = ("该备案存在进行中的订单（不在当前账号下，或另一认领正在办理），暂不能认领。请待该订单办结或取消后再认领；"
                   "如您无法联系原账号，请联系服务商客服。")
CLAIM_NO_PRINCIPAL = "管局记录中没有该主体负责人的手机号，无法在线认领。请联系服务商客服，提交书面材料办理认领。"
CLAIM_MINISTRY_UNAVAILABLE = "暂时无法查询工信部备案系统，请稍后再试（您填写的内容未保存）。"
CLAIM_CHANGED = "该备案的状态已变化（已注销、已由其他账号认领或已不在本服务商），本认领不能提交。"
CLAIM_SMS_REQUIRED = "请先完成主体负责人手机验证：单击“发送验证码”，将负责人手机收到的6位验证码填入后验证。"
CLAIM_STARTED = "已创建认领备案订单 {reference}：请完成主体负责人手机验证和人脸核验后提交。"
CLAIM_EXISTS = "您已有该备案的认领订单 {reference}，请继续办理。"
CLAIM_VERIFICATION_REQUIRED = ("主体负责人尚未完成人脸核验：{people}。请生成二维码，由主体负责人本人用手机上传身份证并完成人脸核验后再提交。")
CLAIM_EVENT = "认领备案：{number} 由原账号转入本账号（{source}）。"
CLAIM_SOURCES = {"platform": "原备案在本平台其他账号下", "ministry": "原备案为线下或其他系统办理，依据管局记录建立"}
CLAIM_SMS_VERIFIED = "主体负责人手机验证通过。"
CLAIM_SUBMITTED = "认领备案订单 {reference} 已提交，初审通过后将提交工信部备案系统确认。"
# 取消接入 / 注销: the declaration the applicant ticks before submitting (filings.release).
RELEASE_NOT_ACKNOWLEDGED = {
    "cancel_access": "请确认您已了解取消接入的后果（勾选页面上的确认项）后再提交。",
    "deregister_website": "请确认您已知晓网站备案号注销后不能恢复（勾选页面上的确认项）后再提交。",
    "deregister_subject": "请确认您已知晓主体备案号及其下全部网站备案号注销后不能恢复（勾选页面上的确认项）后再提交。",
}
# What a change order changes (filings/diff.py): the groups and fields as the applicant filled them in.
DIFF_GROUPS = {"subject": "主办者信息", "principal": "主体负责人", "website": "网站（{site}）",
               "website_principal": "网站负责人（{site}）", "app": "APP（{app}）", "app_principal": "APP负责人（{app}）"}
DIFF_LABELS = {
    "region.province": "地区（省）", "region.city": "市", "region.district": "区县",
    "subject.nature": "备案性质", "subject.cert_type": "证件类型", "subject.name": "单位名称 / 主办人姓名",
    "subject.cert_number": "证件号码", "subject.cert_address": "证件住所", "subject.mailing_address": "通信地址",
    "subject.investor": "投资人或主管单位", "subject.remark": "备注",
    "name": "姓名", "cert_type": "证件类型", "cert_number": "证件号码", "cert_valid_until": "证件有效期至",
    "mobile": "手机号码", "contact2": "联系方式2", "emergency_mobile": "应急联系电话", "email": "电子邮箱",
    "website.name": "网站名称", "website.domains": "域名", "website.content": "网站内容",
    "website.service_type": "服务类型", "website.languages": "网站语言", "website.pre_approvals": "前置审批",
    "website.remark": "网站备注", "website.access.instance_id": "接入实例", "website.access.ip": "接入IP地址",
    "website.access.service_number": "服务编号",
    "app.name": "APP名称", "app.domains": "APP域名", "app.content": "APP内容", "app.languages": "APP语言",
    "app.pre_approvals": "前置审批", "app.remark": "APP备注", "app.access.instance_id": "接入实例",
    "app.access.ip": "接入IP地址", "app.access.service_number": "服务编号", "app.platforms": "平台",
    "platform.package_name": "{platform} 包名", "platform.public_key": "{platform} 公钥",
    "platform.signature": "{platform} 签名证书指纹",
}
# An APP's platforms as the diff names them (precheck.md "APP filing"; docs/glossary.md 平台).
PLATFORM_NAMES = {"android": "安卓", "ios": "iOS", "harmony": "鸿蒙", "other": "其他"}
DIFF_SAME_AS_SUBJECT = "同主体负责人"
DIFF_WEBSITE_PRINCIPAL = "负责人"
DIFF_EMPTY = "（空）"
