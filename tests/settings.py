"""Settings for the test suite: the production settings with in-process tasks and a fast hasher."""

from beian.settings import *  # noqa: F403

# Background tasks run in-process as soon as they are enqueued (enqueueing itself happens on commit),
# so tests see their effects; the database queue is exercised by its own test and by scripts/run.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests that do not start the simulator must not wait on retries to an unreachable ministry.
MINISTRY_URL = "http://127.0.0.1:9"
MINISTRY_RETRIES = 1
