"""The simulated ministry's own data: submissions, SMS challenges, the public filing registry."""

from django.db import models


class Provider(models.Model):
    """An access provider (接入商) allowed to call the interface."""

    provider_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    secret = models.CharField(max_length=128)
    # Where results are pushed (signed POST); blank = the provider only pulls /api/v1/results.
    callback_url = models.URLField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.provider_id


class Nonce(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE)
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "nonce"], name="nonce_single_use")]

    def __str__(self) -> str:
        return self.nonce


class Submission(models.Model):
    ACCEPTED, SMS, BUREAU, APPROVED, REJECTED, RETURNED = "accepted", "sms", "bureau", "approved", "rejected", "returned"
    STATUS_LABELS = {ACCEPTED: "已受理", SMS: "短信核验中", BUREAU: "管局审核中", APPROVED: "审核通过",
                     REJECTED: "审核不通过", RETURNED: "退回"}
    # The ministry's own names for the filing types (its console shows these, not the interface's codes).
    KIND_LABELS = {"first": "首次备案", "new_site_elsewhere": "新增网站", "new_site_here": "新增网站", "access": "接入备案",
                   "change_subject": "变更主体", "change_website": "变更网站", "change_access": "变更接入",
                   "cancel_access": "取消接入", "deregister_subject": "注销主体", "deregister_website": "注销网站",
                   "claim": "认领备案"}

    request_id = models.CharField(max_length=64, unique=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT)
    order_ref = models.CharField(max_length=40)
    kind = models.CharField(max_length=24)
    province = models.CharField(max_length=16)
    application = models.JSONField(default=dict)
    filing_number = models.CharField(max_length=40, blank=True)  # the existing subject number, for change kinds
    domain = models.CharField(max_length=255, blank=True)  # the website concerned, for website-level kinds
    # The APP concerned, by its number (`<subject>-<N>A`), for the same kinds: an APP has no domain to name it by.
    app_number = models.CharField(max_length=48, blank=True)
    status = models.CharField(max_length=12, default=ACCEPTED, db_index=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()
    bureau_since = models.DateTimeField(null=True, blank=True)
    # Left to the bureau console: the automatic policy of demo runs does not decide it (the demo's
    # 管局审核 order stays there until someone decides it on the console).
    manual_only = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    icp_number = models.CharField(max_length=40, blank=True)
    website_numbers = models.JSONField(default=dict, blank=True)  # domain -> 网站备案号
    # APP备案号 per entry of the submission's `apps`, in its order: app_numbers[i] is apps[i]'s ("" = none).
    app_numbers = models.JSONField(default=list, blank=True)
    # A change filing's changes as the provider sent them (path, group, label, before, after): the bureau reviews these.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.request_id

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return self.STATUS_LABELS[self.status]


class SmsChallenge(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="challenges")
    mobile = models.CharField(max_length=20)
    cert_last6 = models.CharField(max_length=6)
    code_hash = models.CharField(max_length=64)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    resends = models.PositiveSmallIntegerField(default=0)
    wrong_count = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.submission_id}:{self.mobile}"


class SentSms(models.Model):
    """The simulator's 'phone network': what 12381 sent, readable on /sms/outbox/."""

    mobile = models.CharField(max_length=20, db_index=True)
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.mobile


class Result(models.Model):
    """A decision the provider pulls (cursor = id) or receives; result_id makes re-delivery harmless."""

    result_id = models.CharField(max_length=64, unique=True)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="results")
    status = models.CharField(max_length=12)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()
    # Push delivery to the provider's callback: retried with backoff until the provider answers 2xx.
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_attempts = models.PositiveIntegerField(default=0)
    next_delivery_at = models.DateTimeField(null=True, blank=True)
    last_delivery_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.result_id


class SubjectRecord(models.Model):
    ACTIVE, DEREGISTERED = "active", "deregistered"
    province = models.CharField(max_length=16)
    number = models.CharField(max_length=40, unique=True)
    cert_number = models.CharField(max_length=64, db_index=True)
    name = models.CharField(max_length=200)
    nature = models.CharField(max_length=32)
    status = models.CharField(max_length=16, default=ACTIVE)
    approved_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.number


class WebsiteRecord(models.Model):
    """A filed website, or a filed APP (service_type "app"; precheck.md "APP filing"). An APP is numbered
    `<subject>-<N>A` in its own sequence per subject, has a blank `domain` (its own domains, if any, are in
    `domains`) and its platforms with their package names in `platforms`. Both share the kinds' code paths."""

    ACTIVE, SHELL, DEREGISTERED = "active", "shell", "deregistered"  # shell: 空壳网站 (no access provider)
    WEBSITE, APP = "website", "app"
    subject = models.ForeignKey(SubjectRecord, on_delete=models.CASCADE, related_name="websites")
    service_type = models.CharField(max_length=8, default=WEBSITE)
    seq = models.PositiveIntegerField()
    domain = models.CharField(max_length=255, db_index=True)
    # An APP's platforms as filed: [{"platform": "android", "package_name": "com.example.shop"}, …].
    platforms = models.JSONField(default=list, blank=True)
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=16, default=ACTIVE)
    providers = models.JSONField(default=list)  # provider ids giving access
    # Every domain of the website (`domain` is the first): a 变更网站 may remove some (seed 003 §3.1).
    domains = models.JSONField(default=list, blank=True)
    # The website principal's mobile as filed: a 接入备案 must verify this one (seed 003 §9). Compared, never
    # shown (provider_check answers only whether an applicant's mobile matches).
    principal_mobile = models.CharField(max_length=20, blank=True)
    approved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subject", "service_type", "seq"], name="record_seq_once_per_type")]

    def __str__(self) -> str:
        return self.name if self.is_app else self.domain

    @property
    def is_app(self) -> bool:
        return self.service_type == self.APP

    @property
    def number(self) -> str:
        return f"{self.subject.number}-{self.seq}{'A' if self.is_app else ''}"

    @property
    def all_domains(self) -> list[str]:
        return list(self.domains) if self.is_app else list(self.domains or [self.domain])

    @property
    def package_names(self) -> list[str]:
        return [p.get("package_name", "") for p in self.platforms or () if isinstance(p, dict)]


class NumberSequence(models.Model):
    """Next subject number per province and year: numbers are never reused."""

    province = models.CharField(max_length=16)
    year = models.PositiveIntegerField()
    next_value = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="one_sequence_per_province_year")]

    def __str__(self) -> str:
        return f"{self.province}{self.year}:{self.next_value}"
