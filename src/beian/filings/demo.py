"""Demo data for `beian demo` / scripts/run. Every step is idempotent (get_or_create by natural keys)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_APPLICANT = ("demo@beian.local", "demo12345")
DEMO_REVIEWER = ("reviewer@beian.local", "review12345")


def _user(email: str, password: str, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=email, defaults={"email": email, **extra})
    if created:
        user.set_password(password)
        user.save()
    return user


def load_demo() -> list[str]:
    applicant = _user(*DEMO_APPLICANT)
    reviewer = _user(*DEMO_REVIEWER, is_staff=True)
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    reviewer.groups.add(reviewers)
    return [f"demo applicant: {applicant.username} / {DEMO_APPLICANT[1]}",
            f"demo reviewer:  {reviewer.username} / {DEMO_REVIEWER[1]}"]
