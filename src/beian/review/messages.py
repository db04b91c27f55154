"""Chinese texts of the reviewer console (one catalogue)."""

FORBIDDEN = "仅服务商审核专员可以访问初审控制台。"
CLAIMED = "已领取订单 {reference}。"
CLAIMED_BY_OTHER = "订单已由 {reviewer} 领取。"
ASSIGNED = "已将订单分配给 {reviewer}。"
SUPPLEMENT_NEEDS_REASON = "请至少选择一条驳回原因或补充要求。"
OPEN_REJECTIONS = "还有 {count} 个字段未通过审核，请先要求补充，或撤销这些驳回后再通过初审。"
CALL_LOGGED = "已记录通话。"
NOT_IN_REVIEW = "订单当前状态为“{state}”，不在初审中。"
SUPPLEMENT_KINDS = {"materials": "补充或更换资料", "mail": "邮寄原件", "remail": "资料有误，重新邮寄", "video": "视频核验预约"}
CALL_OUTCOMES = {"reached": "已接通，信息核实无误", "reached_issue": "已接通，发现问题", "no_answer": "未接通", "busy": "占线/拒接"}
MANUAL_DONE = {"approved": "人工核验通过。", "rejected": "人工核验不通过，请申请人重新进行人脸核验或补充资料。"}
APPROVED_DONE = "订单 {reference} 初审通过，已转为“待报送管局”，平台将提交管局。"
SUPPLEMENT_DONE = "订单 {reference} 已退回申请人补充资料（{kind}），申请人将收到通知。"
CONFIRM_APPROVE = "确定初审通过订单 {reference} 并提交管局吗？提交后不能撤回。"
CONFIRM_SUPPLEMENT = "确定将订单 {reference} 退回申请人补充资料吗？"
FIELD_REJECTED = "订单 {reference}：已驳回“{field}”，原因：{reason}。"
FIELD_APPROVED = "订单 {reference}：“{field}”已审核通过。"
REASON_REQUIRED = "请为“{field}”选择驳回原因（原因会显示给申请人）。"
REASON_PLACEHOLDER = "请选择原因"
UNKNOWN_FIELD = "该订单没有此字段，请刷新页面后重试。"

# Labels of the console: who did it, what kind of record, how serious (web/labels.py looks them up).
ROLES = {"applicant": "申请人", "reviewer": "审核专员", "system": "系统", "ministry": "管局", "principals": "负责人",
         "phone": "手机链接"}
EVENT_KINDS = {
    "created": "创建订单", "edit": "修改备案信息", "transition": "状态变更", "evidence_view": "查看订单与证据",
    "material_view": "查看资料或核验画面", "face_verification": "人脸核验", "manual_review": "人工核验",
    "phone_link": "生成手机链接", "phone_link_revoked": "撤销手机链接", "prefill": "根据证件自动填写",
    "review_claim": "领取订单", "review_assign": "分配订单", "review_field": "逐项审核", "review_call": "电话核实",
    "evidence_purged": "按保留期限删除证据", "psb_opened": "确认网站开通日期", "psb_done": "公安联网备案已办理",
    "handoff_created": "生成“在手机上继续”链接", "handoff_used": "扫码在手机上继续", "handoff_revoked": "撤销“在手机上继续”",
    "handoff_refused": "拒绝已失效的手机链接", "handoff_ended": "手机上的登录已结束",
}
SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}
VERDICTS = {"approve": "通过", "reject": "驳回"}
MANUAL_OUTCOMES = {"approved": "人工核验通过", "rejected": "人工核验不通过"}
SIDES = {"front": "正面", "back": "反面"}
VIA = {"pc": "电脑上传", "phone": "手机上传", "camera": "手机拍照备案"}
PERSONS = {"subject": "主办单位", "subject_principal": "主体负责人"}
WEBSITE_PERSON = "网站{n}负责人"

# 由谁处理: who holds the order now, in the console.
HANDLER_CLAIMED = "{reviewer}（初审）"
HANDLER_UNCLAIMED = "待领取（初审）"
HANDLER_BY_STATE = {
    "draft": "申请人", "materials": "申请人", "supplement_required": "申请人（补充资料）",
    "bureau_rejected": "申请人（按管局意见修改）", "returned": "申请人（重新提交）",
    "pending_ministry": "系统（报送管局）", "sms_verification": "负责人（短信核验）", "bureau_review": "管局",
    "approved": "已办结（管局已通过）", "cancelled": "已办结（申请人已取消）", "expired": "已办结（系统超期关闭）",
}

# Console sections (collapsible).
FIELD_GROUP_SUBJECT = "主办者信息"
FIELD_GROUP_PRINCIPAL = "主体负责人"
FIELD_GROUP_WEBSITE = "网站{n}"

# APPs in the console (precheck.md "APP filing"): one group per APP, one row per platform.
FIELD_GROUP_APP = "APP{n}"
APP_LABELS = {
    "name": "APP名称", "content": "服务内容", "languages": "APP语言", "platforms": "平台", "remark": "APP备注",
    "pre_approval_category": "前置审批类别", "pre_approval_number": "前置审批号", "pre_approval_issuer": "审批部门",
    "domain": "域名{n}", "domains": "域名", "access": "接入信息", "platform": "平台", "public_key": "公钥",
}
APP_PRINCIPAL = "APP负责人"
APP_PERSON = "APP{n}负责人"
APP_PRINCIPAL_SAME = "与主体负责人相同（由主体负责人接收短信、完成真实性核验）"
APP_NO_DOMAINS = "未填写（APP可以没有域名）"
APP_PLATFORM_COUNT = "{n} 个：{names}"
ACCESS_PRODUCTS = {"ecs": "云服务器 ECS", "site_builder": "建站市场"}
ACCESS_PARTS = {"instance_id": "实例", "ip": "IP", "service_number": "备案服务号"}
PLATFORMS = {"android": "Android", "ios": "iOS", "harmony": "HarmonyOS（鸿蒙）", "other": "其他平台"}
PLATFORM_UNKNOWN = "未选择平台"
PACKAGE_LABELS = {"android": "包名", "ios": "Bundle ID", "harmony": "包名（Bundle Name）", "other": "包名"}
SIGNATURE_LABELS = {"md5": "签名MD5值", "sha1": "证书SHA-1指纹", "sha256": "证书SHA-256指纹"}
PLATFORM_HEADERS = ("平台", "包名/Bundle ID", "公钥", "签名/指纹", "安装包核对")
# Whether the values typed agree with the signing file the applicant uploaded (documents/appsign.py compare()).
CHECK_NONE = "未上传安装包（仅填写）"
CHECK_MATCH = "已核对：与上传的安装包一致"
CHECK_MISMATCH = "已核对：与上传的安装包不一致"
CHECK_FIELDS = {"package_name": "包名/Bundle ID", "public_key": "公钥", "signature": "签名/指纹"}
CHECK_FILE = "文件 {name}（{size}，SHA-256 {sha}…）"
EMPTY = "（空）"
# The queue's count of what an order files.
COUNT_WEBSITES = "{n} 网站"
COUNT_APPS = "{n} APP"
