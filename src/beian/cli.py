"""The `beian` command.

Subcommands are looked up in a table so that each domain owns its own command module; importing
is lazy so that `beian precheck` never pays for Django, OCR or face models.
"""

import importlib
import sys

# name -> (module, function, one-line help). The function takes argv (list of str), returns an exit code.
COMMANDS = {
    "precheck": ("beian.rules.cli", "main", "运行备案预检 (rules engine) on an application JSON"),
    "read-document": ("beian.documents.cli", "read_document_main", "OCR an ID card or business licence image"),
    "appsign": ("beian.documents.cli", "appsign_main", "read package name, public key and fingerprints of an .apk/.cer/.pem"),
    "face-match": ("beian.verification.cli", "face_match_main", "compare the faces in two images"),
    "demo": ("beian.django_cli", "demo_main", "load the demo data into the platform database"),
    "manage": ("beian.django_cli", "manage_main", "run a Django management command"),
}


def usage() -> str:
    lines = ["usage: beian COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<14} {help_}" for name, (_, _, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"beian: 未知命令 {name!r} (unknown command)\n\n{usage()}", file=sys.stderr)
        return 2
    module_name, func_name, _ = COMMANDS[name]
    func = getattr(importlib.import_module(module_name), func_name)
    return int(func(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
