"""An order in 初审 with everything the console shows: two websites, a second principal, findings,
materials with OCR evidence, passed and failed face attempts, repeated edits; and the codes the console
must never show as they are stored."""

import copy
import html.parser
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from beian.documents.models import materials_storage
from beian.documents.services import store_material
from beian.filings import states
from beian.filings.models import KIND_LABELS, Order, OrderEvent
from beian.filings.services import create_order, update_application
from beian.registries.identity import MATCH, NAME_MISMATCH, NOT_FOUND
from beian.review import messages as review_msg
from beian.review.reasons import REASONS
from beian.rules.codes import Code
from beian.rules.messages import CERT_TYPES, FILING_TYPES, NATURES
from beian.verification import messages as verification_msg
from beian.verification.models import FaceAttempt
from tests.rules.support import enterprise
from tests.wizard.support import image_bytes

# Every code the console could print raw: its labels must show instead.
RAW_CODES = sorted({
    *FILING_TYPES, *KIND_LABELS, *NATURES, *CERT_TYPES, *states.ALL, *review_msg.ROLES, *review_msg.EVENT_KINDS,
    *verification_msg.FACE_CODES, *verification_msg.LIVENESS_CODES, *verification_msg.FACE_STATUS, *REASONS,
    *review_msg.SUPPLEMENT_KINDS, *review_msg.CALL_OUTCOMES, *review_msg.SIDES, *review_msg.VIA,
    *review_msg.VERDICTS, *review_msg.MANUAL_OUTCOMES, "error", "warning", "subject_principal",
    "websites[1].principal", "principal_id", "subject_certificate", MATCH, NAME_MISMATCH, NOT_FOUND,
    *(c.value for c in Code), "pre_approvals", "category", "issuer",
})
FRAMES = 8
_WORD = "(?<![A-Za-z0-9_.@-]){}(?![A-Za-z0-9_@-])"


def raw_codes_in(text: str) -> list[str]:
    return [code for code in RAW_CODES if re.search(_WORD.format(re.escape(code)), text)]


class _Text(html.parser.HTMLParser):
    """The text a person can read (no tags, attributes, scripts or styles)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = _Text()
    parser.feed(page_html)
    return "\n".join(parser.parts)


def make_reviewer(email="rev@example.com", password="Str0ng-pass-99"):
    user = get_user_model().objects.create_user(email, email, password, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return user


def console_order(email="console@example.com", edits=5) -> Order:
    """A 新增网站 order in 初审: two websites (the second with its own principal), `edits` saves in a row."""
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["subject"]["mailing_address"] = "浙江省杭州市西湖区文三路"  # no house number: an engine finding
    second = copy.deepcopy(app["websites"][0])
    second.update({"name": "示例科技商城网站", "domains": ["shop-example.com"], "languages": ["中文简体", "英语"],
                   "principal": {"name": "李四", "cert_type": "resident_id", "cert_number": "11010519491231002X",
                                 "cert_valid_until": "长期", "mobile": "13600006666", "contact2": "13600006667",
                                 "emergency_mobile": "13600006668", "email": "lisi@example.com"}})
    app["websites"].append(second)
    order = create_order(account=account, application=app, kind="new_site_here")
    for _ in range(edits):
        order = update_application(order=order, actor=account, application=app, version=order.version)
    now = timezone.now()
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW, submitted_at=now, state_changed_at=now)
    OrderEvent.objects.create(order=order, at=now, actor=account, role="applicant", kind="transition",
                              from_state=states.MATERIALS, to_state=states.PROVIDER_REVIEW)
    _evidence(order)
    order.refresh_from_db()
    return order


def _evidence(order) -> None:
    front = store_material(order=order, kind="principal_id", owner="subject_principal", side="front",
                           data=image_bytes(), via="phone")
    front.evidence = {"ocr_status": "done", "issues": [{"code": "blurry", "message": "图片较模糊，请对焦后重新拍摄。"}],
                      "rows": [{"field": "姓名", "typed": "张三", "read": "张三", "ok": True, "message": "与填写信息一致"}]}
    front.save()
    store_material(order=order, kind="subject_certificate", owner="subject", side="", data=image_bytes(), via="pc")
    earlier = timezone.now() - timedelta(minutes=10)
    frame = image_bytes(480, 360, "JPEG")
    frames = [materials_storage().save(f"verification/{order.pk}/console/{i:02d}.jpg", ContentFile(frame))
              for i in range(FRAMES)]
    passed = FaceAttempt.objects.create(
        order=order, person="subject_principal", status=FaceAttempt.PASSED, code="passed", message="人脸核验通过。",
        frames=frames,
        evidence={"liveness": {"passed": True, "code": "passed", "yaws": [0.2, -0.2]}, "registry": {"status": MATCH},
                  "live_vs_registry": 0.41, "id_vs_registry": 0.38, "live_vs_id": 0.35, "threshold": 0.6})
    failed = FaceAttempt.objects.create(
        order=order, person="websites[1].principal", status=FaceAttempt.FAILED, code="liveness_no_motion",
        message=verification_msg.LIVENESS_NO_MOTION, evidence={"liveness": {"passed": False, "code": "no_motion",
                                                                            "yaws": [0.0, 0.01]}, "threshold": 0.6})
    FaceAttempt.objects.filter(pk__in=[passed.pk, failed.pk]).update(created_at=earlier, finished_at=earlier)


# ---- APPs (issue 17 #3) ---------------------------------------------------------------------------------------

def _hex(seed: str, algorithm: str) -> str:
    import hashlib

    return hashlib.new(algorithm, seed.encode()).hexdigest().upper()


APP_KEY = "30820122300D06092A864886F70D01010105000382010F003082010A0282010100" + _hex("key", "sha512") * 4 + "0203010001"
IOS_KEY = "3059301306072A8648CE3D020106082A8648CE3D03010703420004" + _hex("ios-key", "sha512")
APP_PRINCIPAL = {"name": "王五", "cert_type": "resident_id", "cert_number": "330106198808080016",
                 "cert_valid_until": "2036-08-08", "mobile": "13700007777", "contact2": "13700007778",
                 "emergency_mobile": "13700007779", "email": "wangwu@example.com"}


def signing_file(filename: str, package: str, key: str, seed: str) -> dict:
    """What documents/appsign.py reads from an upload (SigningInfo.as_from_file())."""
    return {"filename": filename, "size": 12_582_912, "sha256_file": _hex(filename, "sha256"), "package_name": package,
            "public_key": key, "md5": _hex(seed, "md5"), "sha1": _hex(seed, "sha1"), "sha256": _hex(seed, "sha256")}


def colon(value: str) -> str:
    return ":".join(value[k:k + 2] for k in range(0, len(value), 2))


def app_entries() -> list[dict]:
    """Two APPs: 示例商城 on Android (typed values agree with its uploaded APK) and 示例助手 on iOS, whose typed
    SHA-1 fingerprint is not the uploaded certificate's, with a principal of its own."""
    android_file = signing_file("shop-release.apk", "com.example.shop", APP_KEY, "android-cert")
    ios_file = signing_file("helper.cer", "", IOS_KEY, "ios-cert")
    return [
        {"name": "示例商城", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
         "platforms": [{"platform": "android", "package_name": "com.example.shop", "public_key": APP_KEY.lower(),
                        "signature": colon(android_file["md5"]).lower(), "from_file": android_file}],
         "domains": ["api.example.com"],
         "access": {"product": "ecs", "instance_id": "i-abc", "ip": "47.96.1.2", "service_number": None},
         "principal": None},
        {"name": "示例助手", "content": "其他", "languages": ["中文简体", "英语"], "pre_approvals": [], "remark": "",
         "platforms": [{"platform": "ios", "package_name": "com.example.helper", "public_key": IOS_KEY,
                        "signature": _hex("someone-else", "sha1"), "from_file": ios_file}],
         "domains": ["m.example.com", "img.m.example.com"],
         "access": {"product": "ecs", "instance_id": "i-abc", "ip": "47.96.1.2", "service_number": None},
         "principal": dict(APP_PRINCIPAL)},
    ]


def app_order(email="apps@example.com") -> Order:
    """A 新增网站/APP order in 初审 with one website and the two APPs of app_entries(); the iOS APP's principal
    has uploaded an ID and failed one face check."""
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["apps"] = app_entries()
    order = create_order(account=account, application=app, kind="new_site_here")
    now = timezone.now()
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW, submitted_at=now, state_changed_at=now)
    OrderEvent.objects.create(order=order, at=now, actor=account, role="applicant", kind="transition",
                              from_state=states.MATERIALS, to_state=states.PROVIDER_REVIEW)
    store_material(order=order, kind="principal_id", owner="apps[1].principal", side="front", data=image_bytes(),
                   via="phone")
    FaceAttempt.objects.create(order=order, person="apps[1].principal", status=FaceAttempt.FAILED,
                               code="liveness_no_motion", message=verification_msg.LIVENESS_NO_MOTION,
                               evidence={"liveness": {"passed": False, "code": "no_motion", "yaws": [0.0]},
                                         "threshold": 0.6})
    order.refresh_from_db()
    return order
