"""Site-name rules (网站名称): seed 003 附录一/附录二 and the province tables."""

import re

from beian.rules.codes import Code
from beian.rules.context import App, Findings, text
from beian.rules.domains import find_embedded
from beian.rules.provinces import PROVINCES, TLDS, WORDS

_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_IDEOGRAPH = re.compile(f"[{_CJK_CLASS}]")
_NOT_ALLOWED = re.compile(f"[^{_CJK_CLASS}A-Za-z0-9]")
JIANGSU = "江苏省"
JIANGSU_RULE = "jiangsu_personal_site_name"
_JIANGSU_FORMAT = re.compile(f"[{_CJK_CLASS}]+的个人(?:博客|主页)")
_PLACE_SUFFIX = re.compile("(?:省|市|区|县|自治区|自治州|地区|盟|旗)$")
_PROVINCE_SHORTS = tuple(p.short for p in PROVINCES.values())


def _first(words, name: str) -> str | None:
    for word in words:
        if word in name:
            return word
    return None


def national_prefix(app: App, name: str) -> str | None:
    """The 中国/中华/… a name starts with, unless the subject is a state unit (SITE_/APP_NAME_NATIONAL_PREFIX)."""
    if app.nature in WORDS["national_prefix_exempt_natures"]:
        return None
    return next((prefix for prefix in WORDS["national_prefixes"] if name.startswith(prefix)), None)


def sensitive_word(name: str) -> str | None:
    """The first sensitive word in a name (SITE_/APP_NAME_SENSITIVE)."""
    return _first(WORDS["sensitive"], name)


def check_site_name(app: App, i: int, website: dict, out: Findings) -> None:
    name = text(website, "name")
    path = f"websites[{i}].name"
    if len(_IDEOGRAPH.findall(name)) < 3:
        out.add(Code.SITE_NAME_TOO_SHORT, path)
    bad = _NOT_ALLOWED.findall(name)
    if bad:
        out.add(Code.SITE_NAME_SPECIAL_CHARS, path, chars="".join(dict.fromkeys(bad)).replace(" ", "空格"))
    if prefix := national_prefix(app, name):
        out.add(Code.SITE_NAME_NATIONAL_PREFIX, path, word=prefix)
    embedded = find_embedded(name, TLDS)
    if embedded:
        out.add(Code.SITE_NAME_IS_DOMAIN, path, value=embedded)
    if word := sensitive_word(name):
        out.add(Code.SITE_NAME_SENSITIVE, path, word=word)
    # 江苏's rule, by its id in the province data (provinces.toml special `jiangsu_personal_site_name`).
    jiangsu = app.individual and app.province is not None and app.province.special_rule(JIANGSU_RULE) is not None
    jiangsu_form = jiangsu and _JIANGSU_FORMAT.fullmatch(name) is not None
    if app.individual and not jiangsu_form and (word := _first(WORDS["personal_forbidden"], name)):
        out.add(Code.SITE_NAME_PERSONAL_FORBIDDEN, path, word=word)
    if not jiangsu_form and not website.get("pre_approvals") and (word := _first(WORDS["pre_approval_name"], name)):
        out.add(Code.SITE_NAME_NEEDS_PRE_APPROVAL, path, word=word)
    if app.individual and app.province is not None and app.province.banned_personal_words:
        if word := _first(app.province.banned_personal_words, name):
            out.add(Code.SITE_NAME_PROVINCE_FORBIDDEN, path, province=app.province.short, word=word)
    if jiangsu and not jiangsu_form:
        out.add(Code.SITE_NAME_JIANGSU_FORMAT, path)
    if jiangsu and not text(website, "remark"):
        out.add(Code.WEBSITE_REMARK_REQUIRED, f"websites[{i}].remark")
    _reviewer_warnings(app, name, path, out, own_name_required=jiangsu_form)


def _reviewer_warnings(app: App, name: str, path: str, out: Findings, *, own_name_required: bool = False) -> None:
    """Hints for the 初审 reviewer; judged by a person, so never errors.

    `own_name_required`: the province prescribes the person's name in the site name (江苏's
    `某某的个人博客`), so naming the person is what the rule asks for, not something to warn about.
    """
    if app.individual:
        places = [app.subject_name] if len(app.subject_name) >= 2 and not own_name_required else []
        places += [_PLACE_SUFFIX.sub("", text(app.region, k)) for k in ("city", "district")]
        places += _PROVINCE_SHORTS
        word = _first((p for p in places if len(p) >= 2), name)
        if word:
            out.add(Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE, path, word=word)
        return
    core = app.subject_name
    for generic in WORDS["subject_generic"]:
        core = core.replace(generic, " ")
    core_ideographs = "".join(_IDEOGRAPH.findall(core.replace(" ", "|")))
    if len(core_ideographs) < 2 or not _IDEOGRAPH.search(name):
        return
    pieces = [piece for piece in core.split() if len(piece) >= 2]
    if not any(piece[k:k + 2] in name for piece in pieces for k in range(len(piece) - 1)):
        out.add(Code.SITE_NAME_UNRELATED, path)
