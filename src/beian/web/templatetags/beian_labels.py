"""`{% load beian_labels %}{{ order.kind|label:"filing_type" }}`: every code a page shows goes through one lookup."""

from django import template

from beian.pii import mask
from beian.web import labels

register = template.Library()


@register.filter
def label(value, kind: str) -> str:
    return labels.label(value, kind)


@register.filter
def mask_mobile(value) -> str:
    """138****0000 (beian.pii.mask): mobiles in lists."""
    return mask.mask_mobile(value)


@register.filter
def mask_cert(value) -> str:
    """3301**********123X (beian.pii.mask): certificate numbers in lists."""
    return mask.mask_cert(value)
