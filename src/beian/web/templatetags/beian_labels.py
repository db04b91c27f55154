"""`{% load beian_labels %}{{ order.kind|label:"filing_type" }}`: every code a page shows goes through one lookup."""

from django import template

from beian.web import labels

register = template.Library()


@register.filter
def label(value, kind: str) -> str:
    return labels.label(value, kind)
