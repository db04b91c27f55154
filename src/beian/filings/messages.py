"""Chinese texts of the order lifecycle (one catalogue for the app)."""

TRANSITION_NOT_ALLOWED = "订单当前状态为“{state}”，不能执行此操作（{target}）。"
CERT_ORDER_IN_PROGRESS = "此证件存在进行中的订单（{reference}）。请先完成或取消该订单。"
DOMAIN_ORDER_IN_PROGRESS = "该域名 {domain} 存在进行中的订单（{reference}）。请先完成或取消该订单。"
DOMAIN_ALREADY_FILED = "此域名已存在备案"
CERT_ALREADY_FILED = "此证件已存在备案信息"
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
FINISHED_BY = {"approved": "无需处理（管局已通过，已办结）", "cancelled": "无需处理（您已取消订单）",
               "expired": "无需处理（超期未更新，备案平台已关闭订单）"}
