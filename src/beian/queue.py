"""Starting background work by the task's dotted name.

A task module imports the services it runs; a service that starts a task names it instead of
importing its module, so no services ↔ tasks import circle exists (issue 13 #9). The name is
resolved when the transaction commits: the worker must never see a row the request rolled back.
"""

from django.db import transaction
from django.utils.module_loading import import_string


def enqueue_on_commit(name: str, *args) -> None:
    """Enqueue the task `name` (e.g. "beian.documents.tasks.read_material") with `args` after commit."""
    task = import_string(name)
    transaction.on_commit(lambda: task.enqueue(*args))
