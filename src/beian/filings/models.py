"""Orders, their audit trail, timers, in-flight claims, and approved filings."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from beian.filings import states
from beian.pii.fields import EncryptedJSONField
from beian.pii.index import MAX_LENGTH as INDEX_LENGTH

KIND_CHOICES = [
    ("first", "首次备案"),
    ("new_site_elsewhere", "新增网站（原备案不在本服务商）"),
    ("new_site_here", "新增网站（原备案在本服务商）"),
    ("access", "接入备案"),
    ("change_subject", "变更主体"),
    ("change_website", "变更网站"),
    ("change_access", "变更接入"),
    ("cancel_access", "取消接入"),
    ("deregister_subject", "注销主体"),
    ("deregister_website", "注销网站"),
    ("claim", "认领备案"),  # a filing of this provider moves to the account that proves control (filings.claiming)
]
KIND_LABELS = dict(KIND_CHOICES)
NEW_FILING_KINDS = frozenset({"first", "new_site_elsewhere", "new_site_here", "access"})
CHANGE_KINDS = frozenset(KIND_LABELS) - NEW_FILING_KINDS
# Orders that give something up: the rules about keeping a website (its domain's real name) do not hold them.
RELEASE_KINDS = frozenset({"cancel_access", "deregister_subject", "deregister_website"})


class Order(models.Model):
    """One application moving through the lifecycle. The application itself is kept in precheck.md's
    input shape (minus `context`, which is rebuilt from the platform's data at every check), sealed: it holds
    the principals' ID numbers and mobiles. The certificate number is looked up by its blind index."""

    reference = models.CharField(max_length=20, unique=True)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(max_length=24, choices=KIND_CHOICES, default="first")
    state = models.CharField(max_length=24, choices=states.CHOICES, default=states.DRAFT, db_index=True)
    province = models.CharField(max_length=16, blank=True, db_index=True)
    subject_name = models.CharField(max_length=200, blank=True)
    subject_cert_index = models.CharField(max_length=INDEX_LENGTH, blank=True, db_index=True)  # beian.pii.index
    subject_nature = models.CharField(max_length=32, blank=True)
    application = EncryptedJSONField(default=dict, blank=True)
    filing = models.ForeignKey("Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="orders")
    filed_website = models.ForeignKey("FiledWebsite", null=True, blank=True, on_delete=models.PROTECT, related_name="orders")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_applicant_update_at = models.DateTimeField()
    state_changed_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    agreement_accepted_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every applicant save: a form posted from a stale tab carries an older version.
    version = models.PositiveIntegerField(default=0)
    ministry_request_id = models.CharField(max_length=64, blank=True, db_index=True)
    # Facts other domains attach (ministry status, SMS deadline, reviewer assignment …).
    meta = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["account", "state"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def state_label(self) -> str:
        return states.PUBLIC_LABELS[self.state]

    @property
    def kind_label(self) -> str:
        label = KIND_LABELS.get(self.kind, self.kind)
        application = self.application if isinstance(self.application, dict) else {}
        if self.kind in ("new_site_here", "new_site_elsewhere") and application.get("apps") and not application.get("websites"):
            return label.replace("新增网站", "新增APP", 1)  # precheck.md: an APP-only 新增 is 新增网站/APP
        return label

    @property
    def in_flight(self) -> bool:
        return self.state in states.IN_FLIGHT

    @property
    def editable(self) -> bool:
        return self.state in states.APPLICANT_EDITABLE


class InFlightClaim(models.Model):
    """One row per certificate number and per domain of every order in flight. The unique constraint is
    what enforces "one order in flight per cert/domain": two concurrent submits cannot both insert.
    A certificate's key is its blind index (beian.pii.index), a domain's the domain itself (public)."""

    CERT, DOMAIN = "cert", "domain"
    kind = models.CharField(max_length=8, choices=[(CERT, "证件"), (DOMAIN, "域名")])
    key = models.CharField(max_length=255)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="claims")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_order_in_flight_per_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class OrderEvent(models.Model):
    """The audit trail: every transition, edit and decision, with who, when and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    role = models.CharField(max_length=16)
    kind = models.CharField(max_length=24, default="transition")  # transition | edit | note | ministry | …
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.from_state}->{self.to_state}"

    def get_to_label(self) -> str:
        return states.PUBLIC_LABELS.get(self.to_state, self.to_state)


class Timer(models.Model):
    """A due time for an order (expiry, SLA, …); swept by `filings.timers.sweep`."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="timers")
    kind = models.CharField(max_length=32)
    due_at = models.DateTimeField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="one_timer_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}@{self.due_at:%Y-%m-%d %H:%M}"


class Filing(models.Model):
    """An approved subject record (主体备案) with its number."""

    ACTIVE, DEREGISTERED = "active", "deregistered"
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filings")
    province = models.CharField(max_length=16)
    subject_number = models.CharField(max_length=40, unique=True)
    subject_name = models.CharField(max_length=200)
    cert_index = models.CharField(max_length=INDEX_LENGTH, db_index=True)  # beian.pii.index of the cert number
    nature = models.CharField(max_length=32)
    status = models.CharField(max_length=16, default=ACTIVE, choices=[(ACTIVE, "正常"), (DEREGISTERED, "已注销")])
    approved_at = models.DateTimeField()
    application = EncryptedJSONField(default=dict, blank=True)  # the subject as last approved

    class Meta:
        ordering = ["-approved_at"]

    def __str__(self) -> str:
        return self.subject_number


class FiledWebsite(models.Model):
    """An approved website or APP under a filing.

    网站备案号 = subject number + `-N`; an APP's number carries the suffix A (`-NA`) and APPs are
    numbered in their own sequence per subject (precheck.md "APP filing"). APPs share this model so
    that change, cancel access and deregister reach them through the same code paths as websites;
    an APP's `domain` is blank and `website` holds the approved `apps[i]` entry.
    """

    ACTIVE, ACCESS_CANCELLED, DEREGISTERED = "active", "access_cancelled", "deregistered"
    WEBSITE, APP = "website", "app"
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="websites")
    service_type = models.CharField(max_length=8, default=WEBSITE, choices=[(WEBSITE, "网站"), (APP, "APP")])
    seq = models.PositiveIntegerField()
    domain = models.CharField(max_length=255)
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, default=ACTIVE,
                              choices=[(ACTIVE, "正常"), (ACCESS_CANCELLED, "已取消接入"), (DEREGISTERED, "已注销")])
    instance_id = models.CharField(max_length=64, blank=True)
    ip = models.CharField(max_length=64, blank=True)
    approved_at = models.DateTimeField()
    website = EncryptedJSONField(default=dict, blank=True)  # the website as last approved (its principal)

    class Meta:
        ordering = ["filing", "-service_type", "seq"]  # websites, then APPs
        constraints = [
            models.UniqueConstraint(fields=["filing", "service_type", "seq"], name="one_number_per_seq"),
            models.UniqueConstraint(fields=["domain"], condition=Q(status="active", service_type="website"),
                                    name="one_active_filing_per_domain"),
        ]

    def __str__(self) -> str:
        return self.name if self.service_type == self.APP else self.domain

    @property
    def website_number(self) -> str:
        suffix = "A" if self.service_type == self.APP else ""
        return f"{self.filing.subject_number}-{self.seq}{suffix}"

    @property
    def is_app(self) -> bool:
        return self.service_type == self.APP
