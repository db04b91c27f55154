"""Chinese texts of the applicant wizard (one catalogue)."""

STEPS = [("basic", "验证备案类型"), ("product", "产品验证"), ("subject", "填写主体信息"), ("websites", "填写网站信息"),
         ("materials", "上传资料"), ("confirm", "信息确认")]
TOO_LONG = "不能超过{limit}个字符。"
NOT_A_DATE = "请填写日期，格式为 YYYY-MM-DD，长期有效请填“长期”。"
NOT_A_CHOICE = "请从列表中选择。"
SAVED = "草稿已保存。"
STEP_HAS_ERRORS = "本页还有 {count} 个问题，请按提示修改后再进入下一步（已填写的内容已保存为草稿）。"
TYPE_DETERMINED = "校验通过。根据主体和域名的备案情况，本次办理：{label}。"
TYPE_EXPLAIN = {
    "first": "主体和域名均未在工信部备案过，需要办理首次备案；短信核验对象为主体负责人和网站负责人。",
    "new_site_elsewhere": "主体已通过其他服务商备案成功，本次为新域名办理新增网站；短信核验对象为网站负责人。",
    "new_site_here": "主体已在本服务商备案成功，本次为新域名办理新增网站；短信核验对象为网站负责人。",
    "access": ("主体和域名均已通过其他服务商备案，本次将网站接入本服务商；短信核验对象为网站负责人，须填写原备案的网站负责人"
               "手机号码。如果您更换了手机号码，需先到原备案接入服务商处变更手机号码，再接入备案；如果您的网站为空壳网站"
               "（即无接入服务商），需注销备案后重新提交新增网站备案。"),
}
# 服务类型 APP (an order of APPs only): no domain is filed and the SMS code goes to the APP principals.
TYPE_EXPLAIN_APPS = {
    "first": "主体未在工信部备案过，需要办理首次备案；短信核验对象为主体负责人和APP负责人。",
    "new_site_elsewhere": "主体已通过其他服务商备案成功，本次为APP办理新增备案；短信核验对象为APP负责人。",
    "new_site_here": "主体已在本服务商备案成功，本次为APP办理新增备案；短信核验对象为APP负责人。",
}
TYPE_BLOCKED = "按目前填写的信息，本次应办理：{label}。请先按提示修改下列问题，再重新校验。"
BASIC_HAS_ERRORS = "本页还有 {count} 个问题，请按提示修改后再单击“下一步”。"
NORMALISED = "已将您填写的“{typed}”整理为“{value}”。"
PREFILLED = "已按您已备案的主体（{number}）自动填写主体、地址和负责人信息，请在“填写主体信息”中核对。"
TYPE_UNDECIDED = "暂时无法判定备案类型，请先处理下列问题。"
ORDER_CREATED = "已创建备案订单 {reference}。订单45天内无更新且未通过管局审核将被自动删除。"
CODE_SENT = "验证码已发送至 {mobile}（演示环境可在“演示收件箱”查看）。"
CODE_TOO_SOON = "验证码发送过于频繁，请 {seconds} 秒后再试。"
CODE_LIMIT = "今日发送验证码次数已达上限，请明天再试。"
CODE_WRONG = "验证码不正确或已过期，请重新获取。"
CODE_REQUIRED = "请获取并填写发送到主体负责人手机的验证码，以确认手机号码真实有效。"
CODE_ATTEMPTS = "验证码错误次数过多，请重新获取验证码。"
MOBILE_FIRST = "请先填写正确的手机号码。"
SUBMITTED = "订单已提交初审。审核专员将在1个工作日内完成初审。"
ALREADY_SUBMITTED = "订单已提交，无需重复提交。"
CANCELLED = "订单已取消，占用的证件和域名已释放。"
WEBSITE_ADDED = "已新增一个网站，请填写其信息。"
WEBSITE_REMOVED = "已删除网站。"
LAST_WEBSITE = "至少需要保留一个网站。"
AGREEMENT = "我已阅读并同意《ICP备案信息真实性承诺书》：所填信息真实、准确、完整，如有虚假愿承担相应责任。"
UPLOAD_OK = "资料已上传。"
CHANGE_STARTED = "已创建{kind}订单 {reference}，请修改需要变更的信息后提交。"
NO_WEBSITE = "请选择要办理的网站。"
NOT_FOUND = "未找到该订单，或您无权访问。"
KIND_NOT_ALLOWED = "该备案不能办理此操作。"
PHONE_LINK_CREATED = "已生成手机核验链接（24小时内有效）：请用手机扫描二维码，或复制链接发送给负责人本人。"
PHONE_LINK_REVOKED = "链接已撤销，旧的二维码和链接已不可使用。"
CONFLICT = ("此订单已在其他页面或标签页中被修改：下列 {count} 项与已保存的内容不同，本次未保存。请逐项选择保留您填写的值"
            "还是采用已保存的值，然后再保存（您填写的内容仍在本页，不会丢失）。")
CONFLICT_CHOOSE = "请逐项选择保留您填写的值还是采用已保存的值（还有 {count} 项未选择），然后再保存。"
CONFLICT_ACTION_NOT_DONE = "“新增网站”或“删除网站”尚未执行：请先处理冲突并保存，再重新操作。"
ACCESS_NEEDED = "请为以下网站选择云服务器实例或填写备案服务号：{sites}。"
ACCESS_MISSING_SITE = "{site}尚未完成产品验证：请选择云服务器实例或填写备案服务号。"
SITE_LABEL = "网站{number}（{name}）"
SITE_UNNAMED = "未填写域名"
MISSING_SUBJECT = "主办者"
MISSING_MATERIALS = "资料"
MISSING_VERIFICATION = "真实性核验"
MISSING_GO = "去{step}"
MERGED = "已合并其他页面或标签页保存的修改：{fields}采用了其他页面保存的值；您在本页填写的内容已保存。"
SUBMIT_REFUSED = "还有 {count} 项需要完成后才能提交，请按下方“提交前还需完成”逐项处理。"
SITES_GONE = "其他页面或标签页已删除了以下网站，您在本页为它们填写的内容未保存：{sites}。如需保留，请单击“继续新增其他网站”后重新填写。"
SITE_GONE = "网站{number}：名称“{name}”，域名“{domain}”"

# ---- 备案管理: 取消接入 / 注销 (filings.release; seed 003 §9) ----------------------------------------------------
MANAGE_TITLE = "备案管理"
FILING_STATUS = {"active": "正常", "shell": "无接入（空壳）", "deregistered": "已注销"}
WEBSITE_STATUS = {"active": "正常", "access_cancelled": "已取消接入", "deregistered": "已注销"}
ACCESS_CANCELLED_HERE = "本服务商已取消接入"
RELEASE_TITLES = {"cancel_access": "取消接入", "deregister_website": "注销网站", "deregister_subject": "注销主体"}
RELEASE_WHAT = {
    "cancel_access": "取消接入：本服务商不再为下列网站提供接入服务，网站的ICP备案号保留。",
    "deregister_website": "注销网站：注销下列网站的ICP备案（网站备案号），主体备案号及主体下的其他网站不受影响。",
    "deregister_subject": "注销主体：注销主体备案号，主体下的全部网站备案号随之注销。",
}
RELEASE_CONSEQUENCES = {
    "cancel_access": [
        "管局审核通过后，网站须停止解析到本服务商的服务器（云服务器实例、IP）；仍解析到本服务商服务器的网站将被阻断访问。",
        "如网站在其他接入服务商处仍有接入，备案继续有效；如没有其他接入服务商，网站将成为空壳网站，管局可能注销其备案。",
        "取消接入不需要上传资料，不需要短信核验和人脸核验，也不经过本服务商初审：提交后直接报送管局。",
        "如需继续在本服务商提供服务，须重新办理接入备案。",
    ],
    "deregister_website": [
        "注销后网站备案号不能恢复；网站须停止对外提供访问服务，如需再次开通须重新备案（新增网站），取得新的备案号。",
        "提交并经本服务商初审后，工信部将向网站负责人的手机发送短信验证码，须在24小时内完成短信核验，管局才会审核。",
        "无需上传资料；管局审核通过后，ICP备案查询中将查不到该网站。",
    ],
    "deregister_subject": [
        "注销后主体备案号及其下全部网站备案号不能恢复；全部网站须停止对外提供访问服务，如需再次开通须重新办理首次备案。",
        "主体在其他接入服务商处接入的网站也将随主体一并注销。",
        "提交并经本服务商初审后，工信部将向主体负责人的手机发送短信验证码，须在24小时内完成短信核验，管局才会审核。",
        "无需上传资料；管局审核通过后，ICP备案查询中将查不到该主体及其网站。",
    ],
}
LAST_SITE_NOTE = ("这是该主体在本服务商的最后一个正常网站：注销后主体下没有网站，将成为空壳主体。多数省份须先注销空壳主体才能重新备案；"
                  "如不再使用，可一并办理“注销主体”。")
RELEASE_DECLARATION = {
    "cancel_access": "我已了解取消接入的后果：网站须停止解析到本服务商的服务器；没有其他接入服务商时网站将成为空壳网站，可能被管局注销。",
    "deregister_website": "我已知晓：网站备案号注销后不能恢复，网站须停止对外提供访问服务。",
    "deregister_subject": "我已知晓：主体备案号及其下全部网站备案号注销后不能恢复，全部网站须停止对外提供访问服务。",
}
RELEASE_SMS_NONE = "不验证（取消接入无需短信核验）"
RELEASE_SUBMIT = {"cancel_access": "确认取消接入并提交管局", "deregister_website": "提交注销网站申请",
                  "deregister_subject": "提交注销主体申请"}
RELEASE_SUBMITTED = {"cancel_access": "已提交取消接入订单 {reference}，平台将直接报送管局（无需初审和短信核验）。",
                     "deregister_website": "已提交注销网站订单 {reference}，初审通过后请留意网站负责人手机的短信验证码。",
                     "deregister_subject": "已提交注销主体订单 {reference}，初审通过后请留意主体负责人手机的短信验证码。"}
RELEASE_NO_SITE = "该主体在本服务商已没有正常接入的网站，无需取消接入。"
# The same kinds for one APP (FiledWebsite.service_type "app"; issue 17 #4): its APP备案号 (…号-NA) in place of
# the website's number, its APP principal in place of the website principal.
RELEASE_TITLES_APP = {"cancel_access": "取消接入（APP）", "deregister_website": "注销APP"}
RELEASE_WHAT_APP = {
    "cancel_access": "取消接入：本服务商不再为下列APP提供接入服务（APP的服务端不再使用本服务商的服务器），APP备案号保留。",
    "deregister_website": "注销APP：注销下列APP的备案（APP备案号），主体备案号及主体下的网站和其他APP不受影响。",
}
RELEASE_CONSEQUENCES_APP = {
    "cancel_access": [
        "取消接入后APP备案号保留；管局审核通过后，APP的服务端（云服务器实例、IP及APP使用的域名）须停止使用本服务商的服务器。",
        "如APP在其他接入服务商处仍有接入，APP备案继续有效；如没有其他接入服务商，APP将成为空壳，管局可能注销其APP备案号。",
        "取消接入不需要上传资料，不需要短信核验和人脸核验，也不经过本服务商初审：提交后直接报送管局。",
        "如需继续在本服务商提供服务，须重新办理接入备案。",
    ],
    "deregister_website": [
        "注销后APP备案号不能恢复；APP须停止提供服务，APP的“关于”或“设置”页面及应用商店页面不得再展示该备案号。如需再次上架，"
        "须重新备案（新增APP），取得新的APP备案号。",
        "提交并经本服务商初审后，工信部将向APP负责人的手机发送短信验证码，须在24小时内完成短信核验，管局才会审核。",
        "无需上传资料；管局审核通过后，ICP备案查询中将查不到该APP。",
    ],
}
RELEASE_DECLARATION_APP = {
    "cancel_access": "我已了解取消接入的后果：APP的服务端须停止使用本服务商的服务器；没有其他接入服务商时APP将成为空壳，可能被管局注销。",
    "deregister_website": "我已知晓：APP备案号注销后不能恢复，APP须停止提供服务。",
}
RELEASE_SUBMIT_APP = {"cancel_access": "确认取消接入并提交管局", "deregister_website": "提交注销APP申请"}
RELEASE_SUBMITTED_APP = {"cancel_access": "已提交APP取消接入订单 {reference}，平台将直接报送管局（无需初审和短信核验）。",
                         "deregister_website": "已提交注销APP订单 {reference}，初审通过后请留意APP负责人手机的短信验证码。"}
RELEASE_DONE_APP = {"cancel_access": "取消接入已办结：本服务商已不再为该APP提供接入，APP备案号保留。",
                    "deregister_website": "注销APP已办结：APP备案号已注销，不能恢复。"}
# The subject-level kinds when the subject has APPs: what happens to them.
RELEASE_SUBJECT_APPS = {
    "cancel_access": "主体下的APP同样取消接入（见上表）：APP备案号保留，APP的服务端须停止使用本服务商的服务器。",
    "deregister_subject": "主体下的APP备案号（…号-NA，见上表）随主体一并注销，不能恢复；APP须停止提供服务。",
}
PERSON_APP = "APP负责人（{app}）"
APP_KIND_LABELS = {"change_website": "变更APP", "cancel_access": "取消接入（APP）", "deregister_website": "注销APP"}
KIND_NOT_FOR_APP = "APP可办理“变更APP”“取消接入”和“注销APP”，不能办理此操作。"
PERSON_SUBJECT = "主体负责人"
PERSON_WEBSITE = "网站负责人（{site}）"
# Seed 003 §9 说明: "当有特殊原因需要注销其他单位备案信息或需要注销空壳主体的备案信息时，无法直接在阿里云ICP代备案管理系统中
# 进行注销，需向备案所在地的通信管理局提交书面申请，进行线下注销。"
OFFLINE_TITLE = "注销其他单位或空壳主体的备案（线下书面申请）"
OFFLINE_SEED = ("当有特殊原因需要注销其他单位备案信息或需要注销空壳主体的备案信息时，无法直接在ICP代备案管理系统中进行注销，"
                "需向备案所在地的通信管理局提交书面申请，进行线下注销。")
OFFLINE_SHELL = ("该备案在本服务商已没有接入（空壳）：本服务商不是它的接入服务商，不能代为提交注销。请向备案所在地的通信管理局"
                 "提交书面申请，进行线下注销。")
OFFLINE_WHERE = "递交给：备案所在地（主体备案号前的省份简称所指省份）的通信管理局，即 {bureau}。递交方式（邮寄或现场）请先向该局确认。"
OFFLINE_WHERE_UNKNOWN = "递交给：备案所在地（主体备案号前的省份简称所指省份）的通信管理局。递交方式（邮寄或现场）请先向该局确认。"
OFFLINE_CONTAINS = [
    "申请人：申请单位名称（或个人姓名）、证件类型和号码、联系人及联系电话；",
    "要注销的备案：主体备案号或网站备案号、主办单位名称、网站域名；",
    "申请原因：空壳主体（已无接入服务商），或其他单位的备案（例如域名已转让给申请人，原主办单位未注销）；",
    "随附材料：申请人证件复印件；注销其他单位的备案时，附证明申请人现持有该域名的材料（如域名证书）；",
    "申请单位盖章（个人签字）和日期。",
]
OFFLINE_NOTE = ("以上内容由本平台按常见做法拟定，并非管局公布的格式；各地管局的具体要求（格式、材料、递交方式）可能不同，请以管局答复为准。")
OFFLINE_REASONS = {"shell": "空壳主体或空壳网站（已无接入服务商）", "other_unit": "其他单位的备案（例如域名已转让给申请人）"}
OFFLINE_FIELDS = {"applicant": "申请单位名称或申请人姓名", "applicant_cert": "申请人证件号码", "contact": "联系人",
                  "contact_mobile": "联系电话", "number": "要注销的备案号", "subject_name": "主办单位名称",
                  "domains": "网站域名（多个用逗号分隔）", "reason": "申请原因", "detail": "情况说明"}
OFFLINE_ERRORS = {
    "offline_required": "请填写“{field}”。",
    "offline_number_invalid": "备案号“{value}”格式不正确，应如“浙ICP备2025000001号”或“浙ICP备2025000001号-1”。",
    "offline_reason_invalid": "请选择申请原因。",
    "offline_too_long": "“{field}”过长（最多 {limit} 个字）。",
}
OFFLINE_DOWNLOAD = "生成申请书（PDF）"
OFFLINE_LINK = "注销其他单位或空壳主体的备案"
RELEASE_DONE = {
    "cancel_access": "取消接入已办结：本服务商已不再为网站提供接入，请确认网站已不再解析到本服务商的服务器。",
    "deregister_website": "注销网站已办结：网站备案号已注销，不能恢复。",
    "deregister_subject": "注销主体已办结：主体备案号及其下全部网站备案号已注销，不能恢复。",
}
# 上传资料 when the order needs none (e.g. a 变更 that touches no certificate or principal).
NOTHING_TO_UPLOAD = "本次办理无需上传资料，也无需人脸核验：请单击“下一步：信息确认”，核对变更内容后提交。"

# 在手机上继续 (issue 20 #4; wizard/handoff.py).
HANDOFF_TITLE = "在手机上继续"
HANDOFF_INTRO = ("用手机扫描二维码（或在手机浏览器打开下面的链接），即可在手机上继续办理本订单：手机将登录本账号，"
                 "但只能办理本订单。链接{minutes}分钟内有效、只能使用一次；手机登录后{hours}小时内有效，可随时在此撤销。")
HANDOFF_MAKE = "在手机上继续"
HANDOFF_MAKE_AGAIN = "重新生成二维码"
HANDOFF_CREATED = "已生成“在手机上继续”的二维码，请在{minutes}分钟内用手机扫码。"
HANDOFF_REVOKED_OK = "已撤销：该链接不能再使用，用它登录的手机已退出。"
HANDOFF_WAITING = "待扫码，有效期至 {until}"
HANDOFF_SIGNED_IN = "手机已登录（{at}），有效期至 {until}"
HANDOFF_REVOKE = "撤销"
HANDOFF_PHONE_NOTE = "您正在手机上办理订单 {reference}：此登录只能办理本订单，{until} 后自动退出。"
HANDOFF_CONFIRM_TITLE = "在此设备上继续办理备案订单"
HANDOFF_CONFIRM_TEXT = ("确认后，此设备将登录账号 {account}，只能办理订单 {reference}（{kind}），{hours}小时后自动退出；"
                        "电脑上可随时撤销。此链接只能使用一次。")
HANDOFF_CONFIRM_OTHER = "此设备当前登录的账号 {current} 将先退出。"
HANDOFF_CONFIRM_BUTTON = "确认，在此设备上继续"
HANDOFF_CONFIRM_WARN = "如果这个链接不是您本人刚刚在电脑上生成的，请不要继续，并关闭此页面。"
HANDOFF_NOT_HERE = "请在电脑上生成“在手机上继续”的二维码：手机上的此次登录不能再生成或撤销。"
# Refusals: (title, message) by stable code.
HANDOFF_ERRORS = {
    # An agent's own device (beian.agents): the link signs in as the customer, for the person to verify themselves.
    "handoff_agent": ("须由本人打开", "此“在手机上继续”链接须由客户或负责人本人在其手机上打开：代理商账号不能使用，以免代为完成真实性核验或短信验证码。"),
    "handoff_invalid": ("链接无效", "此“在手机上继续”链接无效或不完整，请在电脑上的备案页面重新生成二维码后扫码。"),
    "handoff_expired": ("链接已过期", "此“在手机上继续”链接已超过30分钟有效期，请在电脑上的备案页面重新生成二维码后扫码。"),
    "handoff_revoked": ("链接已撤销", "此“在手机上继续”链接已在电脑上撤销，不能再使用。如需在手机上继续，请在电脑上重新生成二维码。"),
    "handoff_used": ("链接已使用", "此“在手机上继续”链接已经使用过（每个链接只能使用一次）。如需在另一台设备上继续，请在电脑上重新生成二维码。"),
    "handoff_session_revoked": ("手机上的办理已结束", "此设备的登录已在电脑上撤销，已退出。您的资料已保存在服务器上，可在电脑上继续，或重新扫码。"),
    "handoff_session_ended": ("手机上的办理已结束", "此设备通过扫码登录已超过2小时，已自动退出。您的资料已保存在服务器上，可在电脑上重新生成二维码后继续。"),
    "handoff_scope": ("此设备只能办理扫码的订单", "此设备是通过“在手机上继续”登录的，只能办理扫码的那个订单。如需办理其他事项，请在电脑上操作，或退出后用账号密码登录。"),
}
# The PC page learns what the other device did (htmx watch).
HANDOFF_CHANGED = "此订单已在另一台设备上更新：{what}。"
HANDOFF_CHANGED_STATE = "订单状态已变为“{state}”"
HANDOFF_CHANGED_FORM = "备案信息已修改"
HANDOFF_CHANGED_MATERIALS = "资料已上传或更换"
HANDOFF_CHANGED_FACE = "人脸核验有了结果"
HANDOFF_CHANGED_SIGNED_IN = "手机已扫码登录"
HANDOFF_RELOAD = "刷新查看"
HANDOFF_RELOAD_NOTE = ("本页尚未保存的输入不会丢失：刷新前请先保存；若另一台设备改了同一项，保存时系统会列出两边的值，"
                       "由您选择保留哪一个。")

# ---- 拍照识别证件，自动填写: the filing that starts with the camera (wizard/photo_first.py) ------------------------
PHOTO_TITLE = "手机拍照备案"
PHOTO_ENTRY = "拍照识别证件，自动填写"
PHOTO_ENTRY_HELP = "用手机拍摄营业执照和负责人身份证原件，系统识别后自动填写名称、证件号码、地址、负责人和证件有效期，您只需核对并补充。"
PHOTO_NATURES = {"individual": "个人（拍摄本人身份证）", "enterprise": "企业（拍摄营业执照和法定代表人身份证）"}
PHOTO_OTHER_NATURES = "其他单位（政府机关、事业单位、社会团体等）的证件暂不支持自动识别，请单击“开始备案”手动填写。"
PHOTO_CHOOSE = "请选择备案性质和备案主体所在省份。"
PHOTO_STARTED = "已创建备案订单 {reference}，请拍摄证件原件。"
PHOTO_INTRO = "请对准证件原件现场拍摄：证件完整入镜、四角可见、无反光和遮挡。拍摄的照片即为本订单的备案资料，之后无需重复上传。"
PHOTO_ORIGINALS = "上传资料需现场拍摄真实证件材料的照片，不可以翻拍存储在手机或电脑中的证件照片，否则将导致备案审核失败。"
PHOTO_PC = ("没有手机或无法拍照时，可在电脑上继续：在“上传资料”一步上传证件照片或证件彩色扫描件。{province}管局未另行规定扫描件的要求，"
            "按此通用要求办理；电脑上传的照片同样会检查是否翻拍，审核人员会看到结果。")
PHOTO_NEXT = "下一步：核对识别结果并填写域名"
PHOTO_SKIP = "跳过拍照，手动填写"
PHOTO_READING = "识别中…"
PHOTO_READ = "已识别"
PHOTO_SLOT_NONE = "未拍摄"
PHOTO_RETAKE = "重拍"
PHOTO_TAKE = "拍照"
PHOTO_UPLOADED = "照片已上传，正在识别。"
PHOTO_NO_SLOTS = "本订单没有需要拍摄的证件，请继续填写。"
# Labels of the fields the documents fill (documents/prefill.py targets), on the photo page's result list.
PHOTO_FIELDS = {"subject.name": "主办单位名称 / 主办人姓名", "subject.cert_number": "证件号码", "subject.cert_address": "证件住所",
                "subject.investor": "投资人", "subject.principal.name": "主体负责人姓名",
                "subject.principal.cert_number": "主体负责人证件号码", "subject.principal.cert_valid_until": "主体负责人证件有效期至"}

# beian.agents: what stays with the person while an agent acts for the customer.
AGENT_SMS_CODE = ("短信验证码须由负责人本人填写：请在本页点「在手机上继续」，把链接发给负责人，由其在自己的手机上获取并填写验证码。")

# ---- APP备案 at 填写网站信息 (issue 17 #2; wizard/app_fields.py, apps_step.py, app_signing.py) ------------------------
SERVICE_KINDS = [("website", "网站"), ("app", "APP")]
SERVICE_KIND_HELP = "备案网站请选择“网站”并填写域名；只备案APP（移动互联网应用程序）请选择“APP”，域名可不填，APP信息在“填写网站信息”中填写。"
APP_ADDED = "已新增一个APP，请填写其信息。"
APP_REMOVED = "已删除APP。"
PLATFORM_ADDED = "已为{app}新增一个平台，请填写其信息。"
PLATFORM_REMOVED = "已删除平台。"
LAST_PLATFORM = "每个APP至少需要保留一个平台。"
LAST_SERVICE = "至少需要保留一个网站或APP。"
APP_LABEL = "APP：{name}"
APP_UNNAMED = "APP{number}（未填写名称）"
APP_LABEL_NUMBERED = "APP{number}：{name}"
APPS_GONE = "其他页面或标签页已删除了以下APP，您在本页为它们填写的内容未保存：{apps}。如需保留，请单击“新增APP”后重新填写。"
APP_GONE = "APP{number}：名称“{name}”"
PLATFORMS_GONE = "其他页面或标签页已删除了{app}的平台{numbers}，您在本页为它们填写的内容未保存。"
ACCESS_MISSING_APP = "{app}尚未完成产品验证：请选择云服务器实例或填写备案服务号。"
APP_DOMAINS_INVALID = "域名“{domain}”：{message}"
CONFLICT_APP_NOT_DONE = "“新增/删除APP或平台”尚未执行：请先处理冲突并保存，再重新操作。"
# Where each value comes from (the form's help under the platform rows).
SIGNING_HELP = {
    "android": ("在电脑上对已签名的安装包执行 keytool -printcert -jarfile app.apk 或 apksigner verify --print-certs app.apk，"
                "输出中的 MD5、SHA-1、SHA-256 即证书指纹，公钥为证书的公钥；也可直接上传APK，由系统读取。"),
    "ios": ("登录 Apple Developer → Certificates, Identifiers & Profiles → Certificates，下载发布证书（.cer），"
            "双击导入“钥匙串访问”后在证书详情中查看 SHA-1 指纹和公钥；也可直接上传 .cer 证书，由系统读取。"),
    "harmony": "在 AppGallery Connect 的证书管理中下载发布证书（.cer），查看其 SHA-256 指纹和公钥；也可直接上传证书，由系统读取。",
    "other": "填写签名证书的指纹（MD5、SHA-1 或 SHA-256）和公钥；也可直接上传签名证书（.cer / .pem），由系统读取。",
}
PASTE_HELP = "可直接粘贴命令输出中的值：冒号、空格和换行会自动去除。"
SIGNING_READ = "已从文件“{filename}”（{size}，SHA-256 {sha256}）读取：{what}。"
SIGNING_READ_WHAT = {"package_name": "包名 {value}", "public_key": "公钥", "signature": "{fingerprint} {value}"}
SIGNING_FINGERPRINT = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256"}
SIGNING_DIFFERS = "与上传的文件“{filename}”中读取的值不一致：文件中为 {value}。请核对，或重新上传文件。"
SIGNING_FILE_ERROR = "文件“{filename}”未能读取：{message}（错误代码：{code}）。已填写的内容已保存，未被修改。"
SIGNING_UNREADABLE = "无法读取该文件，请确认上传的是已签名的 .apk，或 .cer / .pem 签名证书。"
APP_TOO_MANY_DOMAINS = "每个APP最多填写 {limit} 个域名。"
APP_PRINCIPAL_OWNER = "APP负责人（{name}）"
