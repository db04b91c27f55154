"""The 公安联网备案 follow-up of each website the platform filed (beian.compliance.psb has the days)."""

from django.db import models


class PsbFollowup(models.Model):
    """One filed website's 公安联网备案: the 网站开通 date the period runs from (the approval date until the applicant
    confirms one), the reminder days already sent, and whether the applicant has submitted it. Belongs to the order
    whose approval filed the website: its timer sends the reminders, its audit trail records every change."""

    website = models.OneToOneField("filings.FiledWebsite", on_delete=models.CASCADE, related_name="psb")
    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="psb_followups")
    opened_on = models.DateField()
    opened_confirmed_at = models.DateTimeField(null=True, blank=True)  # None: still the approval date by default
    reminded = models.JSONField(default=list, blank=True)  # reminder days (0, 20, 28) already sent, never again
    done_at = models.DateTimeField(null=True, blank=True)  # the applicant says it was submitted: no more reminders
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "website"]

    def __str__(self) -> str:
        return f"公安联网备案 {self.website_id} (开通 {self.opened_on})"
