from django_tasks import task


@task()
def verify_face(attempt_id: int) -> str:
    from beian.verification.services import run_face_attempt

    return run_face_attempt(attempt_id)


@task()
def purge_verification_evidence() -> int:
    """Evidence past its retention period (docs/decisions.md #20). Idempotent; safe with several workers."""
    from beian.verification.retention import purge_due_evidence

    return purge_due_evidence()
