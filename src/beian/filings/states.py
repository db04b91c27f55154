"""Order states (lifecycle.md), with the applicant's (public) and the reviewer's (internal) labels."""

DRAFT = "draft"  # being filled in; the 45-day clock runs from the last applicant update
MATERIALS = "materials"  # basic info saved; waiting for materials and authenticity verification
PROVIDER_REVIEW = "provider_review"  # submitted for 初审 (target: 1 working day)
SUPPLEMENT_REQUIRED = "supplement_required"  # the reviewer asked for changes or materials
PENDING_MINISTRY = "pending_ministry"  # 初审 passed; queued to send to the bureau (target: 1 working day)
SMS_VERIFICATION = "sms_verification"  # the ministry sent 6-digit codes; each target has 24 h
BUREAU_REVIEW = "bureau_review"  # with the bureau: 1–20 working days
APPROVED = "approved"  # filing number issued
BUREAU_REJECTED = "bureau_rejected"  # the bureau rejected with reasons; the applicant may edit and resubmit
RETURNED = "returned"  # SMS timeout/failure or withdrawal; back with the applicant
CANCELLED = "cancelled"  # the applicant cancelled before approval
EXPIRED = "expired"  # 45 days without an applicant update; kept for audit, gone from the active list

ALL = (DRAFT, MATERIALS, PROVIDER_REVIEW, SUPPLEMENT_REQUIRED, PENDING_MINISTRY, SMS_VERIFICATION, BUREAU_REVIEW,
       APPROVED, BUREAU_REJECTED, RETURNED, CANCELLED, EXPIRED)
TERMINAL = frozenset({APPROVED, CANCELLED, EXPIRED})
IN_FLIGHT = frozenset(ALL) - TERMINAL
# States in which the applicant holds the order and may edit it.
APPLICANT_EDITABLE = frozenset({DRAFT, MATERIALS, SUPPLEMENT_REQUIRED, BUREAU_REJECTED, RETURNED})
# The 45-day expiry applies while the applicant holds the order: an order waiting on the provider or
# the ministry is not the applicant's delay (docs/decisions.md).
EXPIRABLE = APPLICANT_EDITABLE

PUBLIC_LABELS = {
    DRAFT: "草稿",
    MATERIALS: "待上传资料",
    PROVIDER_REVIEW: "初审中",
    SUPPLEMENT_REQUIRED: "待补充资料",
    PENDING_MINISTRY: "待提交管局",
    SMS_VERIFICATION: "待短信核验",
    BUREAU_REVIEW: "管局审核中",
    APPROVED: "备案成功",
    BUREAU_REJECTED: "管局审核未通过",
    RETURNED: "已退回",
    CANCELLED: "已取消",
    EXPIRED: "已过期",
}
INTERNAL_LABELS = {
    DRAFT: "草稿（申请人填写中）",
    MATERIALS: "资料上传中",
    PROVIDER_REVIEW: "待初审",
    SUPPLEMENT_REQUIRED: "已要求补充",
    PENDING_MINISTRY: "待报送管局",
    SMS_VERIFICATION: "短信核验中",
    BUREAU_REVIEW: "管局审核中",
    APPROVED: "已通过",
    BUREAU_REJECTED: "管局驳回",
    RETURNED: "已退回申请人",
    CANCELLED: "申请人已取消",
    EXPIRED: "超期删除",
}
CHOICES = [(s, PUBLIC_LABELS[s]) for s in ALL]
