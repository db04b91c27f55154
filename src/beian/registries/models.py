"""Seeded records of the registry simulators (公安 identity registry, 工商 business registry, the domain
registry's real-name data).

A real provider replaces the simulators behind the ports in registries/identity.py, business.py and
domains.py; these tables then stay empty.
"""

from django.db import models

from beian.pii.fields import EncryptedTextField


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


class DomainRecord(models.Model):
    """What the domain registry knows of one registered domain (registries/domains.py).

    The holder's certificate number is an individual's ID number when a person holds the domain: it is
    sealed (beian.pii) and never shown whole. Records are looked up by the domain, never by the number.
    """

    domain = models.CharField(max_length=253, unique=True)  # normalised: lower case, punycode
    holder_name = models.CharField(max_length=200)
    holder_cert_type = models.CharField(max_length=40)
    holder_cert_number = EncryptedTextField(blank=True)
    holder_verified = models.BooleanField(default=True)  # 实名认证 done (and reported to MIIT)
    registrar = models.CharField(max_length=200)
    registrar_approved = models.BooleanField(default=True)  # a registrar MIIT approved (境内注册服务机构)
    expires = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.domain
