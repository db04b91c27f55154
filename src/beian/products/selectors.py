from django.utils import timezone

from beian.products.models import Instance


def usable_instances(*, account, now=None):
    """Instances offered in the wizard's IP list: the account's, in mainland China, not expired."""
    now = now or timezone.now()
    return Instance.objects.filter(owner=account, mainland=True, expires_at__gt=now).order_by("instance_id")
