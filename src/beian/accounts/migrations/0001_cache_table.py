"""The database cache's table (rate-limit counters, nonces), so `migrate` alone prepares a database.

With Redis configured (REDIS_URL) createcachetable has nothing to do.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
