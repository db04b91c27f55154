"""Production settings choices that tests/settings.py overrides, checked on the real module."""

import importlib

import pytest
from django.db import connection


def test_the_cache_is_shared_between_processes(monkeypatch):
    """Rate limits and nonces live in the cache: per-process memory would let each worker count alone."""
    import beian.settings

    monkeypatch.delenv("REDIS_URL", raising=False)
    backend = importlib.reload(beian.settings).CACHES["default"]["BACKEND"]
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert importlib.reload(beian.settings).CACHES["default"]["BACKEND"].endswith("RedisCache")
    monkeypatch.delenv("REDIS_URL")
    importlib.reload(beian.settings)


@pytest.mark.django_db
def test_migrate_creates_the_cache_table(settings):
    """The accounts migration creates the database cache's table, so `migrate` alone prepares a database."""
    migration = importlib.import_module("beian.accounts.migrations.0001_cache_table")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "beian_cache_t"}}
    assert "beian_cache_t" not in connection.introspection.table_names()
    migration.create_cache_table(None, type("Editor", (), {"connection": connection})())
    assert "beian_cache_t" in connection.introspection.table_names()
