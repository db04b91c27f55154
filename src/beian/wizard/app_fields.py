"""Field specs of an APP at 填写网站信息 (issue 17 #2), and the tidying of `apps` in the application.

Field names are precheck.md paths (`apps[0].platforms[1].signature`), like the websites' (wizard/fields.py), so
the engine's findings land next to their field. An APP's domains are one `lines` field (one domain a line, none
allowed); its findings at `apps[i].domains[k]` are shown on it (apps_step.py).
"""

import re

from beian.documents.appsign import normalise_hex
from beian.wizard.fields import CONTENT_CHOICES, LANGUAGES, PRE_APPROVAL_CATEGORIES, Field

PLATFORMS = ("android", "ios", "harmony", "other")
PLATFORM_CHOICES = [("android", "安卓（Android）"), ("ios", "iOS"), ("harmony", "鸿蒙（HarmonyOS）"), ("other", "其他")]
# A portal's content categories are a website's; an APP takes the others ("其他" first: most APPs).
APP_CONTENT_CHOICES = [("其他", "其他")] + [c for c in CONTENT_CHOICES if c[0] not in ("单位门户网站", "综合门户", "其他")]
PACKAGE_LABELS = {"android": "安卓包名（Package Name）", "ios": "Bundle ID", "harmony": "鸿蒙包名（Bundle Name）",
                  "other": "包名"}
PACKAGE_HELP = {"android": "AndroidManifest.xml 中的 package，如 com.example.shop。",
                "ios": "Xcode 工程或 App Store Connect 中的 Bundle ID，如 com.example.shop。",
                "harmony": "app.json5 中的 bundleName，如 com.example.shop。", "other": "如 com.example.shop。"}
SIGNATURE_LABELS = {"android": "签名MD5值", "ios": "证书SHA-1指纹", "harmony": "签名证书SHA-256指纹",
                    "other": "签名证书指纹（MD5 / SHA-1 / SHA-256）"}
SIGNATURE_HELP = {"android": "32位十六进制，如 9F:1A:…:7C。", "ios": "40位十六进制。", "harmony": "64位十六进制（也可填MD5或SHA-1）。",
                  "other": "32、40或64位十六进制。"}
# Which fingerprint of an uploaded file fills `signature` (precheck.md: MD5 for android, SHA-1 for ios).
FINGERPRINT = {"android": "md5", "ios": "sha1", "harmony": "sha256", "other": "sha256"}
LINES = "lines"  # a list typed one value a line (the APP's domains)
MAX_DOMAINS = 20


def blank_platform(platform: str = "android") -> dict:
    return {"platform": platform, "package_name": "", "public_key": "", "signature": ""}


def blank_app() -> dict:
    return {"name": "", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
            "platforms": [blank_platform()], "domains": [], "access": None, "principal": None}


def platform_of(application: dict, i: int, j: int) -> str:
    try:
        value = application["apps"][i]["platforms"][j].get("platform")
    except (KeyError, IndexError, TypeError, AttributeError):
        return "android"
    return value if value in PLATFORMS else "android"


def app_fields(i: int) -> list[Field]:
    p = f"apps[{i}]"
    return [
        Field(f"{p}.name", "APP名称", help="须与应用商店中上架的名称一致，可以是英文。", maxlength=50),
        Field(f"{p}.content", "服务内容", "select", "按APP提供的主要服务选择；个人APP请选择“其他”。", APP_CONTENT_CHOICES),
        Field(f"{p}.languages", "APP语言", "multi", "可多选。", LANGUAGES),
        Field(f"{p}.pre_approvals[0].category", "前置审批类别", "select", "涉及前置审批的APP必须提供前置审批文件。",
              PRE_APPROVAL_CATEGORIES),
        Field(f"{p}.pre_approvals[0].number", "前置审批号", maxlength=60),
        Field(f"{p}.pre_approvals[0].issuer", "审批部门", maxlength=60),
        Field(f"{p}.domains", "APP使用的域名", LINES,
              "每行一个，可填多个，也可不填；可以是子域名，最多到三级（如 api.shop.example.com）。", maxlength=100),
        Field(f"{p}.remark", "APP备注", "textarea", "选填，需要向审核人员说明的情况可写在此处。", maxlength=500),
    ]


def platform_fields(i: int, j: int, platform: str = "android") -> list[Field]:
    p = f"apps[{i}].platforms[{j}]"
    return [
        Field(f"{p}.platform", "平台", "select", "", PLATFORM_CHOICES),
        Field(f"{p}.package_name", PACKAGE_LABELS[platform], help=PACKAGE_HELP[platform], maxlength=255),
        Field(f"{p}.public_key", "公钥", "textarea", "证书公钥，十六进制或Base64均可（可粘贴整段PEM）。", maxlength=5000),
        Field(f"{p}.signature", SIGNATURE_LABELS[platform], help=SIGNATURE_HELP[platform], maxlength=200),
    ]


def all_platform_fields(application: dict, i: int) -> list[Field]:
    platforms = ((application.get("apps") or [])[i] or {}).get("platforms") or []
    return [f for j in range(len(platforms)) for f in platform_fields(i, j, platform_of(application, i, j))]


_PEM = re.compile(r"-----(BEGIN|END)[A-Z0-9 ]*-----")


def normalise_public_key(value: str) -> str:
    """A pasted key as stored: hex (any separators) → upper-case hex; base64 or a PEM block → its base64 body."""
    body = re.sub(r"[\s:]+", "", _PEM.sub("", value or ""))
    if re.fullmatch(r"[0-9A-Fa-f]+", body) and len(body) % 2 == 0:
        return body.upper()
    return body


def normalise_signature(value: str) -> str:
    return normalise_hex(value)


def tidy_apps(application: dict) -> dict:
    """`apps` as the forms produce it: no empty pre-approval rows, an individual's APPs reuse the subject's
    principal, domains a list of non-empty strings, each platform row's signature and key normalised."""
    individual = (application.get("subject") or {}).get("nature") == "individual"
    for app in application.get("apps") or ():
        if not isinstance(app, dict):
            continue
        app["pre_approvals"] = [p for p in app.get("pre_approvals") or () if isinstance(p, dict) and p.get("category")]
        app["domains"] = [d for d in app.get("domains") or () if isinstance(d, str) and d.strip()]
        if individual:
            app["principal"] = None
        for row in app.get("platforms") or ():
            if isinstance(row, dict):
                row["signature"] = normalise_signature(row.get("signature") or "")
                row["public_key"] = normalise_public_key(row.get("public_key") or "")
    return application
