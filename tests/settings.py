"""Settings for the test suite: a demo run's settings with in-process tasks and a fast hasher."""

import os as _os

# A demo run (public demo secrets, the sink page, loopback hosts), whatever the shell says; tests/test_profile.py
# runs production in subprocesses. Subprocesses the tests start (the simulator) inherit it.
_os.environ["BEIAN_DEMO"] = "1"
# Under pytest-xdist each worker is its own platform: its own data directory (media, materials, demo keys and
# samples are written there), so that two workers never race to create or overwrite the same file.
if _worker := _os.environ.get("PYTEST_XDIST_WORKER"):
    _os.environ["BEIAN_DATA_DIR"] = _os.path.join(_os.environ.get("BEIAN_DATA_DIR", _os.path.join(_os.getcwd(), "var")),
                                                  _worker)

from beian.settings import *  # noqa: E402, F403

# Background tasks run in-process as soon as they are enqueued (enqueueing itself happens on commit),
# so tests see their effects; the database queue is exercised by its own test and by scripts/run.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests that do not start the simulator must not wait on retries to an unreachable ministry.
MINISTRY_URL = "http://127.0.0.1:9"
MINISTRY_RETRIES = 1
# Webhooks the tests register (the crawler's https://example.com/) are never sent off this machine.
WEBHOOKS_LOOPBACK_ONLY = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not Django's shared in-memory database: the live-server tests have other processes call
    # back into the platform (the simulator's pushes) while the test thread reads, and only a file
    # database gives each thread its own connection with real locking, as in production.
    import tempfile as _tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": _os.path.join(_tempfile.gettempdir(), f"beian-test-{_os.getpid()}.sqlite3")}

# One process (live-server threads included): in-memory counters are shared, and tests that never touch
# the database can still have the cache cleared between them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
