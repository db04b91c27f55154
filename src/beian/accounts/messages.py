"""Chinese texts of accounts (one catalogue)."""

EMAIL_TAKEN = "该邮箱已注册，请直接登录或找回密码。"
REGISTERED = "注册成功，欢迎使用备案平台。"
PASSWORD_RESET_SUBJECT = "重置您的备案平台密码"
LOGIN_FAILED = "邮箱或密码不正确。"
