"""Field specs of the wizard steps, and the mapping between POSTed fields and the application JSON.

Field names ARE precheck.md paths (`subject.principal.mobile`, `websites[1].name`), so a finding's
path lands next to its field without any translation table.
"""

import re
from dataclasses import dataclass, field

from beian.rules import normalize
from beian.rules.messages import CERT_TYPES, FILING_TYPES, NATURES
from beian.rules.naming import JIANGSU
from beian.rules.provinces import PROVINCES, normalise_province
from beian.wizard import messages as msg

PROVINCE_CHOICES = [(name, name) for name in PROVINCES]
NATURE_CHOICES = list(NATURES.items())
SUBJECT_CERT_CHOICES = list(CERT_TYPES.items())
PRINCIPAL_CERT_CHOICES = [(k, CERT_TYPES[k]) for k in ("resident_id", "passport", "taiwan_permit", "hk_macao_permit",
                                                       "foreign_permanent_id", "hkmt_residence_permit", "officer_id")]
CONTENT_CHOICES = [(c, c) for c in ("单位门户网站", "综合门户", "其他", "新闻", "出版", "教育", "医疗保健", "药品和医疗器械",
                                    "文化", "广播电影电视节目")]
SERVICE_TYPES = [(c, c) for c in ("网站应用服务", "网络购物", "博客/个人空间", "其他")]
LANGUAGES = [(c, c) for c in ("中文简体", "中文繁体", "英语", "日语", "韩语", "其他")]
PRE_APPROVAL_CATEGORIES = [("", "不涉及")] + [(c, c) for c in ("新闻", "出版", "教育", "医疗保健", "药品和医疗器械", "文化",
                                                            "广播电影电视节目", "网络预约车", "金融", "游戏")]


@dataclass
class Field:
    name: str  # precheck.md path
    label: str
    kind: str = "text"  # text | select | date | textarea | multi | tel | email
    help: str = ""
    choices: list = field(default_factory=list)
    maxlength: int = 100
    readonly: bool = False


# The keyboard a phone shows for a field (issue 20 #1) and what the browser may autofill, by what the field holds:
# set once here for every step. A resident ID number types on the digit pad (its final X has a key of its own beside
# the field, wizard/_field.html); every other certificate (统一社会信用代码, passport…) has letters: the full
# keyboard, in capitals. Only where the type is known when the page is drawn; ui.js follows a changed type select.
# E-mail stays type=text: the browser's own refusal of a half-typed address would block
# 保存草稿 in English; the app's checks say what is wrong, in Chinese.
_AUTOCOMPLETE = {"mobile": "tel", "emergency_mobile": "tel", "contact2": "tel", "email": "email",
                 "city": "address-level2", "district": "address-level3", "mailing_address": "street-address"}
ID_CARD = "resident_id"


def input_hints(f: Field, application: dict) -> dict:
    """{type, inputmode, autocomplete, autocapitalize, id_card} of a text field; `id_card` marks a resident ID
    number (its cert type, read from the application, is 居民身份证)."""
    leaf = steps_of(f.name)[-1]
    hints = {"type": "text", "inputmode": "text", "autocomplete": _AUTOCOMPLETE.get(leaf, "off"),
             "autocapitalize": "off", "id_card": False}
    if f.kind == "tel":
        hints.update(type="tel", inputmode="tel")
    elif f.kind == "email":
        hints.update(inputmode="email")
    elif leaf == "cert_number":
        cert_type = get_path(application, f.name[: -len("cert_number")] + "cert_type")
        hints.update(id_card=cert_type == ID_CARD, inputmode="numeric" if cert_type == ID_CARD else "text",
                     autocapitalize="characters")
    elif f.name.endswith(".domains[0]"):
        hints.update(inputmode="url")
    # A date stays on the full keyboard: "长期" (no expiry) is a valid answer, and a digit pad cannot type it.
    return hints


def basic_fields() -> list[Field]:
    return [
        Field("region.province", "地区（省）", "select", "选择备案主体实际所在地，系统会关联当地管局规则。", PROVINCE_CHOICES),
        Field("region.city", "市", help="", maxlength=30),
        Field("region.district", "区县", help="如系统无您所在区，可选择临近区域并在备注中说明。", maxlength=30),
        Field("subject.nature", "备案性质", "select", "个人网站请选择个人；单位请按证件上的机构类型选择。", NATURE_CHOICES),
        Field("subject.cert_type", "证件类型", "select", "需与域名持有者实名认证的证件类型一致。", SUBJECT_CERT_CHOICES),
        Field("subject.name", "单位名称 / 主办人姓名", help="须与域名持有者实名认证信息一致。", maxlength=100),
        Field("subject.cert_number", "证件号码", help="与证件上完全一致；身份证号码中的字母X须大写。", maxlength=40),
        Field("subject.cert_address", "证件住所", help="填写与主办单位证件上一致的地址。", maxlength=200),
        Field("websites[0].domains[0]", "域名", help="填写备案的网站主域名，如 example.com。", maxlength=100),
        Field("requested_type", "备案类型", "select", "一般无需选择，系统会根据主体和域名的备案情况自动判定。",
              [("", "系统自动判定")] + [(k, v) for k, v in FILING_TYPES.items()]),
    ]


def principal_fields(prefix: str, *, individual: bool) -> list[Field]:
    fields = [
        Field(f"{prefix}.name", "姓名", help="单位请填写法定代表人姓名（部分管局要求）。", maxlength=50, readonly=individual),
        Field(f"{prefix}.cert_type", "证件类型", "select", "", PRINCIPAL_CERT_CHOICES, readonly=individual),
        Field(f"{prefix}.cert_number", "证件号码", help="身份证号码中的字母X须大写。", maxlength=40, readonly=individual),
        Field(f"{prefix}.cert_valid_until", "证件有效期至", "date", "身份证有效期须大于3个月；长期有效请填“长期”。", maxlength=10),
        Field(f"{prefix}.mobile", "手机号码", "tel", "请确保可直接联系到本人，否则会导致备案失败。", maxlength=30),
        Field(f"{prefix}.contact2", "联系方式2", "tel", "个人备案无需填写；单位填写手机或座机，座机格式 086-022-78954123。", maxlength=30),
        Field(f"{prefix}.emergency_mobile", "应急联系电话", "tel", "请填写您最常用的手机号码。", maxlength=30),
        Field(f"{prefix}.email", "电子邮箱", "email", "此邮箱将用于接收备案消息通知，请务必真实准确。", maxlength=100),
    ]
    return fields


def subject_fields(*, individual: bool) -> list[Field]:
    return [
        Field("subject.mailing_address", "通信地址", help="不能包含特殊字符，请填写完整的市、区、路段、具体房间地址。", maxlength=200),
        Field("subject.investor", "投资人或主管单位", help="请填写法定代表人姓名或主办单位全称。", maxlength=100, readonly=individual),
        Field("subject.remark", "备注", "textarea", "若通信地址无具体门牌号，请在备注中说明“此地址已是最详细地址”。", maxlength=500),
        *principal_fields("subject.principal", individual=individual),
    ]


def website_fields(i: int, *, province: str = "", individual: bool = False) -> list[Field]:
    p = f"websites[{i}]"
    # Only 江苏 asks individuals to describe the site in the remark (WEBSITE_REMARK_REQUIRED).
    jiangsu = individual and normalise_province(province or "") == JIANGSU
    remark_help = "江苏个人网站须说明网站开通后的主要内容。" if jiangsu else "选填，需要向审核人员说明的情况可写在此处。"
    if jiangsu:
        name_help = "江苏个人网站名称只能为“某某的个人博客”或“某某的个人主页”（某某为您的姓名）。"
    elif individual:
        name_help = "三个及以上汉字，体现网站的主要内容；不能使用个人姓名、地名或成语。"
    else:
        name_help = "三个及以上汉字，并与主办单位名称有关联性。"
    return [
        Field(f"{p}.name", "网站名称", help=name_help, maxlength=50),
        Field(f"{p}.domains[0]", "域名", help="每个网站只能备案一个域名。", maxlength=100),
        Field(f"{p}.content", "网站内容", "select", "个人网站请选择“其他”。", CONTENT_CHOICES),
        Field(f"{p}.service_type", "服务类型", "select", "", SERVICE_TYPES),
        Field(f"{p}.languages", "网站语言", "multi", "可多选。", LANGUAGES),
        Field(f"{p}.pre_approvals[0].category", "前置审批类别", "select", "涉及前置审批的网站必须提供前置审批文件。", PRE_APPROVAL_CATEGORIES),
        Field(f"{p}.pre_approvals[0].number", "前置审批号", maxlength=60),
        Field(f"{p}.pre_approvals[0].issuer", "审批部门", maxlength=60),
        Field(f"{p}.remark", "网站备注", "textarea", remark_help, maxlength=500),
    ]


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def steps_of(path: str) -> list:
    return [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _STEP.finditer(path)]


def get_path(data, path: str, default=""):
    node = data
    for step in steps_of(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return default
    return default if node is None else node


def set_path(data: dict, path: str, value) -> None:
    steps = steps_of(path)
    node = data
    for step, nxt in zip(steps, steps[1:], strict=False):
        container = [] if isinstance(nxt, int) else {}
        if isinstance(step, int):
            while len(node) <= step:
                node.append(container if isinstance(nxt, int) else {})
            if not isinstance(node[step], (dict, list)):
                node[step] = container
            node = node[step]
        else:
            if not isinstance(node.get(step), (dict, list)):
                node[step] = container
            node = node[step]
    last = steps[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append("")
        node[last] = value
    else:
        node[last] = value


# The stable codes of read_post's refusals (the JSON API gives them with the message).
TOO_LONG, NOT_A_CHOICE, NOT_A_DATE = "field_too_long", "field_not_a_choice", "field_not_a_date"


def read_post(post, fields: list[Field], application: dict, notes: dict | None = None,
              codes: dict | None = None) -> dict[str, str]:
    """Copy the step's fields from the POST into the application. Returns {path: error} for values that
    cannot be kept (too long, not a date, not a choice); those fields keep their saved value. `codes`, when
    given, collects {path: stable code} for the same refusals.

    Typed text is tidied by `rules.normalize` (the one place that knows how a mobile, a domain or an ID
    number is written); `notes` collects {path: message} telling the person what became of their input."""
    errors = {}
    for f in fields:
        if f.readonly:
            continue
        if f.kind == "multi":
            values = [v for v in post.getlist(f.name) if v in dict(f.choices)]
            set_path(application, f.name, values)
            continue
        if f.name not in post:
            continue  # not on the page that was posted: keep what is saved
        raw = post.get(f.name, "")
        typed = normalize.printable(raw) if isinstance(raw, str) else ""
        value = typed.strip() if f.kind == "select" else normalize.field(f.name, typed)
        if notes is not None and f.kind != "select" and normalize.changed(typed, value):
            notes[f.name] = msg.NORMALISED.format(typed=typed.strip(), value=value)
        if len(value) > f.maxlength:
            errors[f.name] = msg.TOO_LONG.format(limit=f.maxlength)
            _code(codes, f.name, TOO_LONG)
            continue
        if f.kind == "select" and value not in dict(f.choices):
            if value:
                errors[f.name] = msg.NOT_A_CHOICE
                _code(codes, f.name, NOT_A_CHOICE)
            continue
        if f.kind == "date" and value and value != "长期" and not _is_date(value):
            errors[f.name] = msg.NOT_A_DATE
            _code(codes, f.name, NOT_A_DATE)
            continue
        set_path(application, f.name, value)
    return errors


def _code(codes: dict | None, name: str, code: str) -> None:
    if codes is not None:
        codes[name] = code


def _is_date(value: str) -> bool:
    import datetime as dt

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def tidy(application: dict) -> dict:
    """Normalise what the forms produce: no empty pre-approval rows, individuals' derived fields filled."""
    application["requested_type"] = application.get("requested_type") or None
    subject = application.setdefault("subject", {})
    if subject.get("nature") == "individual":
        subject["investor"] = subject.get("name", "")
        principal = subject.setdefault("principal", {})
        principal["name"] = subject.get("name", "")
        principal["cert_number"] = subject.get("cert_number", "")
        principal["cert_type"] = subject.get("cert_type") if subject.get("cert_type") in dict(PRINCIPAL_CERT_CHOICES) \
            else "resident_id"
    for website in application.get("websites") or ():
        website["pre_approvals"] = [p for p in website.get("pre_approvals") or () if isinstance(p, dict) and p.get("category")]
        if subject.get("nature") == "individual":
            website["principal"] = None
    from beian.wizard.app_fields import tidy_apps  # app_fields builds on this module

    return tidy_apps(application)
