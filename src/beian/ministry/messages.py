"""Chinese texts of the platform's ministry integration (one catalogue)."""

SUBMIT_RETRY = "管局系统暂时无法连接，订单将自动重试提交（第 {attempt} 次），已填写的信息不会丢失。"
SMS_HINT = "请在24小时内完成短信核验"
SMS_DEADLINE = "短信核验截止：{deadline}"
SMS_HOW = "负责人手机将收到工信部（12381）发送的6位验证码，请访问工信部备案管理系统“短信核验”页面，输入验证码、手机号和证件号码后6位。"
RETURNED_BY_MINISTRY = "管局退回：{reason}"
REJECTED_BY_BUREAU = "管局审核未通过：{reason}"
APPROVED = "管局审核通过，备案号 {number}"
STATUS = {"accepted": "管局已受理", "sms": "等待短信核验", "bureau": "管局审核中", "approved": "审核通过",
          "rejected": "审核不通过", "returned": "已退回"}
