"""Uploaded materials. Originals are stored unchanged; derived copies (EXIF stripped) are separate files.
Both are sealed by the materials storage (beian.pii.storage): the disk or bucket holds only ciphertext."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models

from beian.pii.fields import EncryptedJSONField


def materials_storage():
    return storages["materials"]


def material_path(instance, filename: str) -> str:
    # No user-supplied name reaches the storage: the path is order + random name.
    import uuid

    return f"orders/{instance.order_id}/{uuid.uuid4().hex}"


class Material(models.Model):
    KIND_CHOICES = [
        ("subject_certificate", "主办单位证件"), ("principal_id", "负责人证件"), ("handheld_id", "手持证件照"),
        ("authorization_letter", "授权书"), ("domain_certificate", "域名证书"), ("site_plan", "网站建设方案书"),
        ("pre_approval_document", "前置审批文件"),
    ]
    ACTIVE, REPLACED = "active", "replaced"

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=32, choices=KIND_CHOICES)
    owner = models.CharField(max_length=40)  # precheck.md: subject | subject_principal | websites[i].principal
    side = models.CharField(max_length=8, blank=True)  # front | back | ""
    original = models.FileField(storage=materials_storage, upload_to=material_path, max_length=255)
    derived = models.FileField(storage=materials_storage, upload_to=material_path, max_length=255, blank=True)
    format = models.CharField(max_length=8)
    bytes = models.PositiveIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    via = models.CharField(max_length=8, default="pc")  # pc | phone
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, default=ACTIVE)
    evidence = EncryptedJSONField(default=dict, blank=True)  # OCR fields (ID numbers, names), checks, scores
    # Files and OCR readings deleted by the retention rule (docs/decisions.md #20); the row stays for the audit.
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "kind", "owner", "side", "-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}/{self.owner}/{self.side or '-'}"

    def as_precheck(self) -> dict:
        return {"kind": self.kind, "owner": self.owner, "side": self.side or None, "format": self.format,
                "bytes": self.bytes, "width": self.width, "height": self.height}
