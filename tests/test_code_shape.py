"""The code's shape (issue 13 #9, architecture.md "the domain knows no screen"), checked on the source.

Every import is read with `ast`, function-level ones included: a lazy import is still a dependency.
"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
DOMAIN_APPS = ("filings", "documents", "verification", "ministry", "notifications", "registries", "rules",
               "products", "compliance", "pii")


def _is_screen(module: str) -> bool:
    """Views and the applicant wizard's page logic (its models are data, shared)."""
    return (module.endswith(".views") or module == "beian.web.precheck_form"
            or (module.startswith("beian.wizard") and module != "beian.wizard.models"))


def _is_domain(module: str) -> bool:
    return (_app(module) in DOMAIN_APPS and not _is_screen(module) and ".simulator." not in module
            and not module.endswith(".urls"))


def _modules():
    for path in sorted((SRC / "beian").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree):
    """(module, imported names) for every import statement, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "beian" else ""


IMPORTS = {name: list(_imports(tree)) for name, tree in _modules()}


def test_domain_apps_import_no_screen():
    bad = [(m, target) for m, found in IMPORTS.items() if _is_domain(m)
           for target, _ in found if _is_screen(target)]
    assert bad == []


def test_no_module_imports_another_apps_private_name():
    bad = []
    for m, found in IMPORTS.items():
        for target, names in found:
            if _app(target) and _app(target) != _app(m):
                bad += [(m, f"{target}.{n}") for n in names if n.startswith("_")]
                bad += [(m, target)] if any(p.startswith("_") for p in target.split(".")[2:]) else []
    assert bad == []


def test_documents_does_not_import_verification():
    # verification builds on documents (ID photos are materials); the reverse would close a circle.
    assert [m for m, found in IMPORTS.items() if _app(m) == "documents"
            for target, _ in found if _app(target) == "verification"] == []


def test_services_never_import_task_modules():
    # A task module imports the services it runs; services start tasks by name (beian.queue).
    bad = [(m, target) for m, found in IMPORTS.items() if not m.endswith(".tasks")
           for target, _ in found if target.endswith(".tasks") and _app(target)]
    assert bad == []


def test_every_task_named_for_the_queue_exists():
    from django.utils.module_loading import import_string

    names = []
    for path in (SRC / "beian").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "enqueue_on_commit"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                names.append(node.args[0].value)
    assert names, "no task is started through beian.queue"
    for name in names:
        assert hasattr(import_string(name), "enqueue"), name
