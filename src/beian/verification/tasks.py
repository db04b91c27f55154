from django_tasks import task

from beian.verification.retention import purge_due_evidence
from beian.verification.services import run_face_attempt


@task()
def verify_face(attempt_id: int) -> str:
    return run_face_attempt(attempt_id)


@task()
def purge_verification_evidence() -> int:
    """Evidence past its retention period (docs/decisions.md #20). Idempotent; safe with several workers."""
    return purge_due_evidence()
