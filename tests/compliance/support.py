"""Orders that reach the ministry and its approval without the simulator: the ministry's answers are applied as
its results would be (ministry.services.apply_status), at the times a test names."""

import copy
import itertools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from beian.documents.models import materials_storage
from beian.documents.services import store_material
from beian.filings import states
from beian.filings.models import Filing, Order
from beian.filings.services import create_order
from beian.ministry.port import Status
from beian.ministry.services import apply_status
from beian.verification.models import FaceAttempt
from tests.rules.support import enterprise
from tests.wizard.support import image_bytes

_numbers = itertools.count(1)


def account(email: str):
    User = get_user_model()  # noqa: N806
    return User.objects.filter(username=email).first() or User.objects.create_user(email, email, "Str0ng-pass-99")


def unit_application(*, domain: str, province: str = "浙江省", name: str = "杭州示例科技有限公司",
                     service_type: str = "网站应用服务", cert: str = "91330106MA2GL0XX7U") -> dict:
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["region"]["province"] = province
    app["subject"].update(name=name, investor=name, cert_number=cert)
    app["websites"][0].update(domains=[domain], service_type=service_type)
    return app


def at_bureau(order: Order) -> Order:
    """The order as the ministry has it (管局审核中), with its request id."""
    request_id = f"{order.reference}-{next(_numbers)}"
    Order.objects.filter(pk=order.pk).update(state=states.BUREAU_REVIEW, ministry_request_id=request_id,
                                             meta={**order.meta, "submissions": 1})
    order.refresh_from_db()
    return order


def approve(order: Order, *, now, number: str | None = None) -> Order:
    """The bureau approves: a subject number (`number`, or a fresh 浙 one) and `-N` per website."""
    number = number or f"浙ICP备{2090000000 + next(_numbers)}号"
    domains = [w["domains"][0] for w in order.application.get("websites") or []]
    sites = {d: f"{number}-{i}" for i, d in enumerate(domains, 1)} if order.kind in (
        "first", "new_site_elsewhere", "new_site_here", "access") else {}
    assert apply_status(order=order, status=Status(request_id=order.ministry_request_id, status="approved",
                                                   icp_number=number, website_numbers=sites), now=now)
    order.refresh_from_db()
    return order


def approved_order(*, email: str, now, **app) -> Order:
    order = create_order(account=account(email), application=unit_application(**app), now=now)
    return approve(at_bureau(order), now=now)


def deregister(filing: Filing, *, now) -> Order:
    """注销主体, approved by the bureau at `now`."""
    application = dict(filing.application, websites=[dict(w.website) for w in filing.websites.all()])
    order = create_order(account=filing.account, application=application, kind="deregister_subject", filing=filing,
                         now=now)
    return approve(at_bureau(order), now=now, number=filing.subject_number)


def add_evidence(order: Order, *, frames: int = 4) -> tuple:
    """An ID photo with OCR readings and a face attempt with captured frames."""
    material = store_material(order=order, kind="principal_id", owner="subject_principal", side="front",
                              data=image_bytes(), via="pc")
    material.evidence = {"ocr_status": "done", "issues": [], "rows": [
        {"field": "住址", "typed": "浙江省杭州市", "read": "浙江省杭州市", "ok": True, "message": ""}]}
    material.save()
    names = [materials_storage().save(f"verification/{order.pk}/t/{i}.jpg", ContentFile(image_bytes(480, 360, "JPEG")))
             for i in range(frames)]
    attempt = FaceAttempt.objects.create(order=order, person="subject_principal", frames=names,
                                         status=FaceAttempt.FAILED, evidence={"liveness": {"code": "no_motion"}})
    return material, attempt
