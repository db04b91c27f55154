from django_tasks import task


@task()
def verify_face(attempt_id: int) -> str:
    from beian.verification.services import run_face_attempt

    return run_face_attempt(attempt_id)


@task()
def purge_verification_evidence() -> int:
    from beian.verification.services import purge_expired_evidence

    return purge_expired_evidence()
