"""Chinese texts of the public pages (precheck page), and the field labels for findings."""

PRECHECK_EMPTY = "请粘贴备案申请 JSON，或选择一个 .json 文件上传。"
PRECHECK_TOO_LARGE = "文件过大（上限 {limit} KB），请只上传一份备案申请。"
PRECHECK_NOT_UTF8 = "文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再上传。"
PRECHECK_NOT_JSON = "内容不是有效的 JSON（第 {line} 行第 {col} 列附近）：请检查引号、逗号和括号。"
PRECHECK_NOT_APPLICATION = "内容不是有效的备案申请：字段“{label}”（{path}）{message}。"
PRECHECK_OK = "预检通过：未发现需要修改的问题。"
PRECHECK_HAS_ERRORS = "预检发现 {count} 个需要修改的问题，请按字段逐一修改。"

# Field labels for finding paths (precheck.md paths), longest key first wins.
FIELD_LABELS = {
    "region": "地区", "province": "省份", "city": "城市", "district": "区县", "requested_type": "备案类型",
    "subject": "主办者", "nature": "备案性质", "cert_type": "证件类型", "name": "名称", "cert_number": "证件号码",
    "cert_address": "证件住所", "mailing_address": "通信地址", "investor": "投资人或主管单位", "remark": "备注",
    "principal": "负责人", "cert_valid_until": "证件有效期", "mobile": "手机号码", "contact2": "联系方式2",
    "emergency_mobile": "应急联系电话", "email": "电子邮箱", "websites": "网站", "domains": "域名",
    "content": "网站内容", "service_type": "服务类型", "languages": "网站语言", "pre_approvals": "前置审批",
    "access": "接入信息", "ip": "IP地址", "service_number": "备案服务号", "materials": "资料", "context": "上下文",
    "today": "日期", "$": "申请",
}
SPECIAL = {"subject.principal": "主体负责人", "subject.name": "主办单位名称", "websites[].name": "网站名称",
           "websites[].principal": "网站负责人"}
FILING_TYPE_UNDECIDED = "无法判定（请先处理备案类型相关问题）"

PRECHECK_TOO_DEEP = "内容嵌套层数过多（上限 {limit} 层），不是一份备案申请：请检查是否多了括号。"
PRECHECK_NUMBER_TOO_BIG = "内容中有超出范围的数字{where}：备案申请中的数字（如文件大小、宽高）须为合理的有限数值。"
PRECHECK_NUMBER_WHERE = "（字段“{label}”，{path}）"
PRECHECK_FAILED = "这份内容无法预检（错误编号 {code}），请检查各字段的类型后重试；问题持续时请联系客服。"
PRECHECK_FORM_INTRO = "按下面的表单逐项填写，单击“开始预检”，问题会显示在对应字段下方。"
ADD_WEBSITE = "＋ 新增网站"
WEBSITE_LIMIT = "一份预检最多 {limit} 个网站。"
