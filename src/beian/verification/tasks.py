from django_tasks import task

from beian.verification.services import purge_expired_evidence, run_face_attempt


@task()
def verify_face(attempt_id: int) -> str:
    return run_face_attempt(attempt_id)


@task()
def purge_verification_evidence() -> int:
    return purge_expired_evidence()
