"""The objects the authorisation matrix aims at: everything an applicant (the "owner") can own, each with a URL,
and the other roles' accounts. Every value the owner's pages show and nobody else's may is in `markers`."""

import copy
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from beian.filings import states
from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_products
from beian.filings.models import Filing, Order
from beian.filings.services import create_order
from beian.notifications.models import Message, NotificationSettings, SmsRecord
from beian.verification import services as phone
from beian.verification.models import FaceAttempt, ManualReviewRequest, PhoneLink
from beian.wizard import handoff as handoffs
from tests.compliance.support import approve, at_bureau
from tests.filings.conftest import application
from tests.review.support import console_order, make_reviewer
from tests.rules.support import individual
from tests.verification.support import pass_verification

PASSWORD = "Str0ng-pass-99"
OWNER_EMAIL = "owner-matrix@example.com"
OWNER_SECRET = "仅主人可见的站内信-7d41"  # in the owner's inbox and SMS only
OWNER_EXTRA_EMAIL = "owner-extra-matrix@example.com"  # an extra recipient in the owner's 备案消息通知设置
BUREAU_REQUEST_ID = "matrix-owner-request-1"


@dataclass
class World:
    owner: object
    other: object
    reviewer: object
    staff: object
    in_review: Order  # 初审中: materials, face attempts (with frames), an open manual review request
    editable: Order  # 待上传资料: the wizard's pages, PDFs and a live phone link
    bureau: Order  # 管局审核中: what a forged ministry callback would approve
    filing: Filing  # the owner's approved filing (变更 starts from it)
    link: PhoneLink
    token: str
    material: object
    attempt: FaceAttempt
    manual: ManualReviewRequest
    instance: object
    other_order: Order  # the other applicant's own draft
    markers: list[str] = field(default_factory=list)
    approved: Order | None = None  # 备案成功: its website's 公安联网备案 follow-up (compliance)
    handoff: object = None  # 在手机上继续 of the editable order, not yet used
    handoff_token: str = ""  # its link's token (the phone role holds it, like the phone link)
    webhook: object = None  # issue 16 webhooks: the owner's endpoint (nothing listens at its URL) ...
    webhook_delivery: object = None  # ... and one logged delivery to it
    forged_reset_token = "cr4zy-0123456789abcdef0123456789abcd"  # the shape of a reset token, not a valid one

    @property
    def psb_website(self):
        return self.approved.psb_followups.get().website

    @property
    def editable_reference(self) -> str:  # issue 16 (apisteps): the API names orders by reference
        return self.editable.reference

    @property
    def service_number(self):
        """issue 16 #1: the owner's unused 备案服务号 (seed_products), which the owner may revoke."""
        return self.instance.service_numbers.get(owner=self.owner)

    @property
    def owner_uid(self) -> str:
        return urlsafe_base64_encode(force_bytes(self.owner.pk))

    def value(self, name: str):
        """A URL argument as the matrix names it: "=text" is the text itself, else an attribute (an object's pk)."""
        if name.startswith("="):
            return name[1:]
        obj = getattr(self, name)
        return obj.pk if hasattr(obj, "pk") else obj


def _individual(cert: str, domain: str, name: str) -> dict:
    app = copy.deepcopy(individual())
    app.pop("context")
    app["subject"].update(cert_number=cert, name=name, investor=name)
    app["subject"]["principal"].update(cert_number=cert, name=name)
    app["websites"][0]["domains"] = [domain]
    return app


def build() -> World:
    User = get_user_model()
    in_review = console_order(email=OWNER_EMAIL)
    owner = in_review.account
    owner.set_password(PASSWORD)
    owner.save()
    other = User.objects.create_user("other-matrix@example.com", "other-matrix@example.com", PASSWORD)
    reviewer = make_reviewer("reviewer-matrix@example.com", PASSWORD)
    staff = User.objects.create_user("staff-matrix@example.com", "staff-matrix@example.com", PASSWORD, is_staff=True)

    editable = create_order(account=owner, application=application("owner-matrix-draft.com", "91510107MA5KHX3X6D"))
    # issue 17 (api): an APP with one platform row, whose signing file the API may read (api:upload_signing_file)
    with_app = {**editable.application, "apps": [{
        "name": "矩阵商城", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
        "platforms": [{"platform": "android", "package_name": "com.example.matrix", "public_key": "", "signature": ""}],
        "domains": [], "access": None, "principal": None}]}
    Order.objects.filter(pk=editable.pk).update(state=states.MATERIALS, application=with_app)
    editable.refresh_from_db()
    link, token = phone.create_link(order=editable, person="subject_principal", user=owner)
    handoff, handoff_token = handoffs.create(order=editable, user=owner, step="materials")

    bureau = create_order(account=owner, application=_individual("370102199302157859", "owner-matrix-bureau.com", "孙浩"))
    Order.objects.filter(pk=bureau.pk).update(state=states.BUREAU_REVIEW, ministry_request_id=BUREAU_REQUEST_ID)
    bureau.refresh_from_db()

    instances = seed_products(owner, prefix="owner-matrix")
    filing = seed_approved_filing(owner, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2099000001号",
                                  domain="owner-matrix-filed.com", site_name="主人示例网站",
                                  instance_id=instances[0].instance_id, ip=instances[0].public_ip)
    manual = ManualReviewRequest.objects.create(order=in_review, person="websites[1].principal")
    pass_verification(in_review)  # a later pass: 初审通过 may go through, the open request still waits for a reviewer
    Message.objects.create(account=owner, order=editable, channel=Message.SITE, to=owner.email, event="matrix",
                           subject=OWNER_SECRET, body=OWNER_SECRET)
    SmsRecord.objects.create(to="13800000000", body=f"【备案】{OWNER_SECRET} 验证码 918273")
    NotificationSettings.objects.create(account=owner, off={"state:approved": ["sms"]}, extra_emails=[OWNER_EXTRA_EMAIL],
                                        extra_mobiles=[])

    # The other applicant has an order and products of their own: their pages are not empty.
    other_order = create_order(account=other,
                               application=_individual("110105194912310029", "other-matrix-draft.com", "李四"))
    seed_products(other, prefix="other-matrix")

    approved = approve(at_bureau(create_order(
        account=owner, application=application("owner-matrix-approved.com", "91330106MA2H0WLQ0U"))),
        now=timezone.now())

    attempt = FaceAttempt.objects.filter(order=in_review).exclude(frames=[]).first()
    markers = [OWNER_EMAIL, OWNER_SECRET, OWNER_EXTRA_EMAIL, in_review.reference, editable.reference, bureau.reference,
               instances[0].instance_id, "owner-matrix-draft.com", "owner-matrix-filed.com"]
    return World(owner=owner, other=other, reviewer=reviewer, staff=staff, in_review=in_review, editable=editable,
                 bureau=bureau, filing=filing, link=link, token=token, material=in_review.materials.first(),
                 attempt=attempt, manual=manual, instance=instances[0], other_order=other_order,
                 markers=markers, approved=approved, handoff=handoff, handoff_token=handoff_token,
                 **_webhooks(owner, markers))


# ---- issue 16 webhooks ----------------------------------------------------------------------------------------

def _webhooks(owner, markers) -> dict:
    """The owner's webhook endpoint and a delivery in its log; its URL is a marker (nobody else's page shows it).
    Port 9 (discard) refuses the connection: a test delivery or redelivery fails fast and is logged."""
    from beian.webhooks.models import Delivery, Endpoint, new_secret

    secret = new_secret()
    webhook = Endpoint.objects.create(account=owner, url="http://127.0.0.1:9/owner-matrix-hook", secret=secret,
                                      secret_hint=secret[:10], events=["order.state_changed"])
    delivery = Delivery.objects.create(endpoint=webhook, event_id="evt_matrix", event_type="webhook.test", body="{}",
                                       created_at=timezone.now(), status=Delivery.FAILED, attempts=6)
    markers.append("owner-matrix-hook")
    return {"webhook": webhook, "webhook_delivery": delivery}


def tampered(token: str) -> str:
    """The owner's phone token (which link, which order) with a signature of someone's own making."""
    payload, signature = token.rsplit(":", 1)
    return f"{payload}:{'A' * len(signature)}"
