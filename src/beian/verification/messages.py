"""Chinese texts of identity verification: phone page, liveness, face match, registries (one catalogue)."""

CLI_CANNOT_OPEN = "无法读取文件 {file}：{reason}"
CLI_NOT_AN_IMAGE = "{file} 不是可识别的图片（支持 jpg、png、gif 等）"
CLI_NO_FACE = "未在图片中检测到人脸：{files}。请使用正脸、光线充足、无遮挡的照片。"

PERSON_LABELS = {"subject_principal": "主体负责人"}
WEBSITE_PRINCIPAL = "网站{n}负责人"
APP_PRINCIPAL = "APP{n}负责人"
PERSON_INCOMPLETE = "请先在电脑上填写这位负责人的姓名和证件号码，再进行人脸核验。"
UNKNOWN_PERSON = "该订单没有需要核验的这位负责人，请刷新页面后重试。"
TOKEN_INVALID = "链接无效：请向备案申请人索取新的二维码或链接。"
TOKEN_EXPIRED = "链接已过期（有效期24小时）：请在电脑上的“上传资料”页面重新生成二维码。"
TOKEN_REVOKED = "链接已失效：申请人已撤销此链接或生成了新链接，请使用最新的二维码或链接。"
TOKEN_USED = "此订单当前状态为“{state}”，资料上传和人脸核验已完成，无需再使用此链接。"
ATTEMPT_RUNNING = "上一次核验正在处理中，请稍候查看结果。"
ATTEMPT_LIMIT = "今日人脸核验次数已达上限（10次），请明天再试或申请人工审核。"
FRAMES_INVALID = "未能采集到有效的视频画面，请允许使用摄像头后重新开始核验。"
GUIDANCE = "请在光线充足处、白色或浅色背景前，摘下帽子和眼镜，露出额头和五官后重试。"
LIVENESS_NO_FACE = "未检测到人脸。请将脸部完整置于取景框内。"
LIVENESS_NO_MOTION = "活体检测未通过：未检测到转头动作，请勿使用照片或视频，按提示缓慢向左、向右转头。"
LIVENESS_ONE_SIDE = "活体检测未通过：请按提示先向左、再向右缓慢转头。"
REGISTRY_NAME_NUMBER = "请检查姓名和证件号是否正确"
LIVE_VS_REGISTRY = "人脸核验采集人脸与公安库不一致。"
ID_VS_REGISTRY = "证件人脸与公安库不一致：请确认上传的是本人有效身份证原件的照片。"
ID_PHOTO_MISSING = "请先上传本人身份证人像面，再进行人脸核验。"
ID_PHOTO_NO_FACE = "未能在身份证人像面照片中找到人像，请重新拍摄身份证人像面。"
DOCUMENT_PHOTO_MISSING = "请先上传本人证件照片（带有本人照片的一页），再进行人脸核验。"
DOCUMENT_PHOTO_NO_FACE = "未能在证件照片中找到本人照片，请重新拍摄证件上带有本人照片的一页。"
LIVE_VS_ID = "人脸核验采集人脸与证件照片不一致。"
FACE_PASSED = "人脸核验通过。"
MANUAL_NOT_YET = "人脸核验失败{n}次后才可申请人工审核，请先按提示重试。"
MANUAL_REQUESTED = "已申请人工审核：审核人员将查看您的核验记录，必要时电话联系您。"
MANUAL_BAD_OUTCOME = "请选择人工核验结论。"
MANUAL_REASON_REQUIRED = "请填写人工核验的理由（将记入审核记录）。"
MANUAL_NOT_OPEN = "该人工审核申请不存在或已处理。"
MANUAL_DECIDED = {"approved": "人工核验通过：{reason}", "rejected": "人工核验不通过：{reason}"}
UPLOAD_OK = "已上传，正在识别证件信息……"
ATTEMPT_ERROR = "核验服务暂时出错，本次核验未完成，请稍后重新核验。"
ATTEMPT_TIMEOUT = "本次核验超时未完成，请重新核验。"

# Labels of attempts and their codes (the reviewer console shows these, never the codes).
FACE_STATUS = {"pending": "核验中", "passed": "通过", "failed": "未通过", "error": "核验出错"}
LIVENESS_CODES = {"passed": "通过", "no_face": "未检测到人脸", "no_motion": "未检测到转头动作",
                  "one_side": "只向一侧转头", "too_few_frames": "有效画面不足"}
REGISTRY_STATUS = {"match": "一致", "name_mismatch": "姓名与证件号不一致", "not_found": "查无此人",
                   "abnormal": "证件状态异常"}
FACE_CODES = {
    "passed": "通过",
    **{f"liveness_{code}": f"活体检测：{text}" for code, text in LIVENESS_CODES.items() if code != "passed"},
    **{f"registry_{code}": f"公安库：{text}" for code, text in REGISTRY_STATUS.items() if code != "match"},
    "registry_no_portrait": "公安库：无可比对的人像",
    "id_photo_missing": "未上传身份证人像面",
    "id_photo_no_face": "身份证照片中未找到人像",
    "live_vs_registry": "现场人脸与公安库不一致",
    "live_vs_id": "现场人脸与证件照片不一致",
    "id_vs_registry": "证件人脸与公安库不一致",
    "internal_error": "核验服务出错",
    "timeout": "核验超时",
}

# Evidence retention (docs/decisions.md #20): the reason of the audit row each purge writes.
EVIDENCE_PURGED = {
    "unfiled": "订单未提交管局且{state}满{days}天，按保留期限删除其证件照片、资料文件、识别结果和人脸核验画面"
               "（资料{materials}份，画面{frames}张）。",
    "deregistered": "备案 {number} 已注销满{days}天，按保留期限删除本订单的证件照片、资料文件、识别结果和人脸核验画面"
                    "（资料{materials}份，画面{frames}张）。",
}
# Who must verify and what is still needed (verification.selectors; the wizard and the reviewer show these).
WHY_WEBSITE = "网站负责人须完成真实性核验"
WHY_APP = "APP负责人须完成真实性核验"
WHY_REUSED_APP = "{apps}的APP负责人（复用主体负责人），须完成真实性核验"
WHY_CLAIM = "认领备案：须由备案信息中的主体负责人本人完成人脸核验，以证明对该主体的控制"
WHY_REUSED = "{sites}的网站负责人（复用主体负责人），须完成真实性核验"
WHY_PROVIDER_BOTH = "本服务商要求主体负责人和网站负责人分别完成人脸核验"
WHY_LEGAL_REP = "{province}的企业由主体负责人（法定代表人）同时完成人脸核验"
WHY_KIND_EXEMPT = "取消接入、注销类订单无需人脸核验"
WHY_EXEMPT = "主体负责人无需人脸核验：由网站负责人完成真实性核验"
WHY_EXEMPT_NON_MAINLAND = "主体负责人为非中国大陆居民，无需人脸核验：由网站负责人完成真实性核验"
METHODS = {"registry": "现场人脸与公安库比对、证件人脸与公安库比对、活体检测",
           "document": "现场人脸与证件照片比对、活体检测（非中国大陆居民证件无法与公安库比对）"}
CHECK_LABELS = {"liveness": "活体检测", "live_vs_registry": "现场人脸与公安库比对",
                "id_vs_registry": "证件人脸与公安库比对", "live_vs_id": "现场人脸与证件照片比对"}
FACE_FOUND_BY = {"region": "在识别出的人像区域中找到", "photo": "在整张照片中找到", "photo_fine": "放大整张照片后找到"}
CHECK_STATES = {"passed": "通过", "failed": "未通过", "not_done": "未进行"}
STATE_VERIFIED = "已通过"
STATE_MANUAL_APPROVED = "人工核验通过"
STATE_NOT_REQUIRED = "无需核验"
STATE_PENDING = "未完成"
NEED_ID_PHOTO = "上传本人证件照片（{side}）"
NEED_ID_FRONT = "人像面"
NEED_ID_PAGE = "带有本人照片的一页"
NEED_FACE = "用手机扫码完成人脸核验"
NEED_RUNNING = "人脸核验进行中，请稍候查看结果"
NEED_RETRY = "上次人脸核验未通过（{reason}），请重新核验"
NEED_RETRY_OR_MANUAL = "上次人脸核验未通过（{reason}），请重新核验或在手机页面申请人工审核"
NEED_MANUAL_OPEN = "人工审核已申请，等待审核人员处理"
NEED_MANUAL_REJECTED = "人工审核未通过（{reason}），请重新进行人脸核验"
PERSON_MISSING = "{label} {name}：{needs}"

# beian.agents: the face check stays with the person.
FACE_AGENT = "真实性核验须由负责人本人在其手机上完成，代理商账号不能代为核验。"
