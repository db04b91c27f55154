import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; `.messages` holds the parsed mails it received."""
    import email
    import socket

    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                          policy=email.policy.default))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield handler
    controller.stop()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; one test's failed logins must not throttle the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _pinned_limit_windows(monkeypatch):
    """Rate-limit windows are fixed buckets of wall-clock time: pinned to the start of a day (and so of every
    minute, quarter and hour bucket), no test straddles the end of a window and sees its counts reset."""
    from beian.web import limits

    monkeypatch.setattr(limits, "clock", lambda: 20_833 * 86_400.0)


@pytest.fixture(scope="session")
def simulator(tmp_path_factory):
    """The ministry simulator as a real service: its own process (granian), port and database."""
    from tests.ministry_sim import Simulator

    sim = Simulator(tmp_path_factory.mktemp("ministry")).start()
    yield sim
    sim.stop()


@pytest.fixture
def ministry(simulator, settings):
    """Point the platform at the running simulator."""
    settings.MINISTRY_URL = simulator.url
    settings.MINISTRY_PROVIDER_ID = "beian-demo-provider"
    settings.MINISTRY_SHARED_SECRET = "demo-ministry-secret"
    settings.MINISTRY_RETRIES = 3
    return simulator


# Directories whose tests hold no state in a database: the pure rules engine, image and OCR checks, the
# face and liveness code, working days. A test there that needs the database says so (django_db / db).
_DB_FREE_DIRS = ("rules", "documents", "verification", "workdays")
_DB_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server", "django_db_reset_sequences",
                          "django_db_serialized_rollback"})


def pytest_collection_modifyitems(config, items):
    """With BEIAN_SKIP_DB_FREE=1 (scripts/test's PostgreSQL run) the tests that never touch a database are
    left out: they ran on SQLite a minute before and cannot behave differently on PostgreSQL, and the OCR
    corpus among them is the slowest module of the suite."""
    if os.environ.get("BEIAN_SKIP_DB_FREE") != "1":
        return
    tests_dir = os.path.dirname(__file__)
    keep, skipped = [], []
    for item in items:
        rel = os.path.relpath(str(item.path), tests_dir).split(os.sep)
        db_free = (rel[0] in _DB_FREE_DIRS and item.get_closest_marker("django_db") is None
                   and not _DB_FIXTURES & set(getattr(item, "fixturenames", ())))
        (skipped if db_free else keep).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = keep
