"""Chinese texts of material uploads (one catalogue)."""

NO_FILE = "请选择要上传的图片。"
TOO_LARGE = "图片大小为 {size}，每张图片须小于4MB。"
NOT_AN_IMAGE = "文件不是有效的图片（已按文件内容识别，而非文件名）。请上传 jpg、jpeg、png 或 gif 格式的图片。"
CORRUPT = "图片已损坏或无法读取，请重新拍摄后上传。"
TOO_MANY_PIXELS = "图片像素过多（{width}×{height}，上限 {limit}万像素），请缩小图片尺寸或用手机正常拍摄后上传。"
TOO_SMALL = "图片分辨率过低（{width}×{height}），请上传不小于 {min_w}×{min_h} 的清晰照片。"
UNKNOWN_SLOT = "无法识别要上传的资料项，请刷新页面后重试。"

# OCR and document checks (documents/ocr.py). {expected}/{found} are KIND_LABELS values.
KIND_LABELS = {"resident_id_front": "身份证人像面", "resident_id_back": "身份证国徽面", "business_license": "营业执照"}
FIELD_LABELS = {"name": "姓名/名称", "cert_number": "证件号码", "address": "住址", "valid_from": "有效期起始日期",
                "valid_until": "有效期截止日期", "legal_representative": "法定代表人", "issuing_authority": "签发机关",
                "sex": "性别", "ethnicity": "民族", "birth_date": "出生日期", "company_type": "类型"}
OCR_NO_TEXT = "未能从图片中识别出任何文字：请在光线充足处对准证件原件重新拍摄，确保证件完整、清晰。"
OCR_ID_INVALID = "识别出的身份证号码未通过校验，请确认照片清晰、号码完整未被遮挡。"
OCR_BIRTH_MISMATCH = "证件上的出生日期与身份证号码中的出生日期不一致，请确认上传的是本人有效证件原件。"
OCR_USCC_INVALID = "识别出的统一社会信用代码未通过校验，请确认照片清晰、代码完整未被遮挡。"
OCR_EXPIRED = "证件已于 {date} 过期，请上传有效期内的证件。"
OCR_EXPIRES_SOON = "证件将于 {date} 到期，有效期不足3个月，管局不予受理：请先换领新证件后再上传。"
OCR_WRONG_KIND = "此处需要上传{expected}，但图片看起来是{found}，请检查是否传错了面或证件。"
OCR_BLURRY = "图片较模糊，请对焦后重新拍摄，确保证件上的文字清晰可辨。"
OCR_RECAPTURED = "图片疑似翻拍（对着屏幕或照片拍摄），请直接拍摄证件原件。"
OCR_FIELDS_MISSING = "未能识别出：{fields}。请确认证件完整入镜、无反光和遮挡后重新拍摄。"
CLI_CANNOT_OPEN = "无法读取文件 {file}：{reason}"
PREFILLED = "已根据证件自动填写"
MATCHES = "与填写信息一致"
MISMATCH = "{field}与证件不一致：填写为“{typed}”，证件上为“{read}”。请核对后修改填写信息或重新上传证件。"
# A field read below the confidence threshold, or not read while the rest of the document was: never a mismatch.
UNREAD = "未能识别，请核对"
UNREAD_ROW = "{field}未能识别，请核对：请对照证件原件确认填写的内容；如需自动识别，请在光线均匀处重新拍摄清晰、无反光遮挡的照片后上传。"
# The cross-check's row states (documents/crosscheck.py), as the reviewer console names them.
ROW_STATES = {"matches": "一致", "prefilled": "已自动填写", "differs": "不一致", "unread": "未能识别，请核对"}
PREFILL_EVENT = "根据证件识别结果自动填写了空白字段"
FONT_MISSING = "服务器缺少中文字体（Debian 软件包 fonts-noto-cjk），暂时无法生成模板，请联系服务商。"
ORDER_NOT_FOUND = "未找到该订单，或您无权访问。"
# The last paragraph of a province's 网站建设方案书 (documents/pdf.py): how it reaches the 管局.
SITE_PLAN_SUBMIT = "提交方式：{rule}（PDF 文件名：{name}.pdf）"

# ---- The written application to the 管局 for an offline 注销 (documents/letters.py; seed 003 §9) -------------
LETTER_TITLE = "注销ICP备案信息申请书"
LETTER_TO = "{bureau}："
LETTER_INTRO = "{applicant}（证件号码：{cert}）现申请注销以下ICP备案信息："
LETTER_NUMBER = "备案号：{number}"
LETTER_SUBJECT = "主办单位名称：{name}"
LETTER_DOMAINS = "网站域名：{domains}"
LETTER_REASONS = {
    "shell": "申请原因：上述备案已无接入服务商（空壳），无法通过接入服务商办理注销，特向贵局申请线下注销。",
    "other_unit": "申请原因：上述备案的主办单位并非申请人，申请人无法通过接入服务商办理注销，特向贵局申请注销。",
}
LETTER_DETAIL = "情况说明：{detail}"
LETTER_ATTACHMENTS = "随附材料：1. 申请人证件（营业执照或身份证件）复印件；2. 经办人身份证件复印件"
LETTER_ATTACHMENT_DOMAIN = "；3. 证明申请人现持有上述域名的材料（如域名证书）"
LETTER_CONTACT = "联系人：{contact}    联系电话：{mobile}"
LETTER_SIGN = "申请单位（盖章）/申请人（签字）："
LETTER_DATE = "日期：{year} 年 {month} 月 {day} 日"
LETTER_BUREAU_UNKNOWN = "（备案所在地）通信管理局"

# ---- The filing that starts with the camera (documents/prefill.py, documents/recapture.py) -------------------
OCR_MARK_READ = "由证件识别，可修改"
OCR_MARK_UNSURE = "未能可靠识别，请对照证件原件填写"
# Recapture (翻拍) and edited-photo signals: shown to the applicant as a hint and to the reviewer with the evidence;
# an upload is never refused for them (docs/decisions.md). {software}, {size}, {score}, {threshold} as measured.
RECAPTURE_SIGNALS = {
    "edited_software": "照片由图像编辑软件保存（{software}），可能经过修改",
    "edited_after_shot": "照片在拍摄后被再次保存（拍摄于 {taken}，保存于 {saved}）",
    "screenshot_size": "照片尺寸 {size} 与手机屏幕截图一致，可能是截图而非拍摄的原件",
    "screen_moire": "照片中有屏幕像素网格（摩尔纹）特征（强度 {score}，阈值 {threshold}），疑似翻拍屏幕上的证件",
}
RECAPTURE_HINT = "此照片疑似翻拍或经过编辑：请直接用手机相机拍摄证件原件，不可以翻拍存储在手机或电脑中的证件照片。"

# ---- The APP's signing file: an uploaded .apk or certificate (documents/appsign.py; issue 17 #2) ----------------
# Keyed by SigningFileError.code (appsign.ERROR_CODES); {size} / {limit} as "12.3 MB". Read by content, not by name.
SIGNING_FILE_ERRORS = {
    "signing_file_empty": "上传的文件是空的，请重新选择已签名的 APK 安装包或签名证书。",
    "signing_file_too_large": "文件大小为 {size}，超过上限 {limit}。请上传已签名的 APK 安装包（或只上传签名证书 .cer / .pem）。",
    "signing_file_not_apk": "无法识别该文件：它既不是 APK 安装包，也不是签名证书（已按文件内容识别，而非文件名）。"
                            "请上传已签名的 .apk，或签名证书 .cer / .pem。",
    "signing_file_bad_zip": "APK 安装包已损坏或无法读取（压缩包结构错误、条目加密或重复），请重新打包签名后上传。",
    "signing_file_too_many_entries": "APK 安装包中的文件数量异常（{count} 个，上限 {limit} 个），无法读取，请确认上传的是正确的安装包。",
    "signing_file_entry_too_large": "APK 安装包中的 {entry} 解压后大小异常（{size}，上限 {limit}），无法读取，请确认上传的是正确的安装包。",
    "signing_file_no_manifest": "压缩包中没有 AndroidManifest.xml，不是 Android 安装包（APK）。请上传已签名的 .apk，或签名证书 .cer / .pem。",
    "signing_file_ipa": "这是 iOS 安装包（.ipa），无法从中读取签名信息。iOS 平台请上传 Apple Developer 中下载的签名证书（.cer），"
                        "或手动填写 Bundle ID、公钥和 SHA-1 指纹。",
    "signing_file_bad_manifest": "APK 中的 AndroidManifest.xml 已损坏或不是编译后的二进制格式，读不出包名。请上传构建工具生成并签名的 APK。",
    "signing_file_unsigned": "APK 安装包未签名（既没有 META-INF 下的 v1 签名，也没有 v2/v3 签名块）。请上传签名后的发布版 APK。",
    "signing_file_bad_signature": "APK 的签名数据已损坏，读不出签名证书。请重新签名后上传，或改为上传签名证书 .cer / .pem。",
    "signing_file_bad_certificate": "文件不是有效的 X.509 签名证书（DER 格式的 .cer / .crt / .der，或 PEM 格式的 .pem）。"
                                    "可用 keytool -exportcert -rfc 从签名密钥库导出证书。",
    "signing_file_private_key": "文件中含有私钥或签名密钥库。请勿上传私钥或密钥库（.jks / .keystore / .p12），"
                                "本平台未保存该文件；请只上传 APK 或导出的证书（keytool -exportcert -rfc）。",
}
