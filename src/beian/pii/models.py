"""Which master keys this database's data was written under, by fingerprint: a wrong key (same id, other
bytes) or a key removed while data still needs it is refused at start-up, not found out row by row."""

from django.db import models


class DataKey(models.Model):
    kid = models.CharField(max_length=16, unique=True)
    fingerprint = models.CharField(max_length=16)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    # Set by rotate_data_keys once nothing is left under this key: from then on it may be removed.
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.kid
