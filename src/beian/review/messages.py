"""Chinese texts of the reviewer console (one catalogue)."""

FORBIDDEN = "仅服务商审核专员可以访问初审控制台。"
CLAIMED = "已领取订单 {reference}。"
CLAIMED_BY_OTHER = "订单已由 {reviewer} 领取。"
ASSIGNED = "已将订单分配给 {reviewer}。"
APPROVED = "初审通过，订单将提交管局。"
SUPPLEMENT_SENT = "已要求申请人补充资料。"
SUPPLEMENT_NEEDS_REASON = "请至少选择一条驳回原因或补充要求。"
OPEN_REJECTIONS = "还有 {count} 个字段未通过审核，请先要求补充，或撤销这些驳回后再通过初审。"
CALL_LOGGED = "已记录通话。"
NOT_IN_REVIEW = "订单当前状态为“{state}”，不在初审中。"
SUPPLEMENT_KINDS = {"materials": "补充或更换资料", "mail": "邮寄原件", "remail": "资料有误，重新邮寄", "video": "视频核验预约"}
CALL_OUTCOMES = {"reached": "已接通，信息核实无误", "reached_issue": "已接通，发现问题", "no_answer": "未接通", "busy": "占线/拒接"}
BAD_MANUAL_OUTCOME = "请选择人工核验结论。"
MANUAL_NOT_OPEN = "该人工审核申请不存在或已处理。"
MANUAL_DONE = {"approved": "人工核验通过。", "rejected": "人工核验不通过，请申请人重新进行人脸核验或补充资料。"}
