"""Seeded records of the registry simulators (公安 identity registry, 工商 business registry).

A real provider replaces the simulators behind the ports in registries/identity.py and business.py;
these tables then stay empty.
"""

from django.db import models


class BusinessRecord(models.Model):
    cert_number = models.CharField(max_length=32, unique=True)  # USCC
    name = models.CharField(max_length=200)
    legal_representative = models.CharField(max_length=50)
    status = models.CharField(max_length=8, default="存续")
    address = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.name


class IdentityRecord(models.Model):
    name = models.CharField(max_length=50)
    cert_number = models.CharField(max_length=32, unique=True)
    status = models.CharField(max_length=16, default="正常")
    portrait = models.BinaryField(blank=True, default=b"")  # JPEG/PNG bytes as the registry returns them

    def __str__(self) -> str:
        return self.name
