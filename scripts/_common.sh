# Shared by scripts/run and scripts/test: idempotent set-up of the virtualenv and system packages.
# Sourced, not executed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# apt packages: installed once; a second run only checks dpkg.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Python packages: reinstalled only when pyproject.toml or the extras change.
ensure_venv() {
  local extras="$1"
  local base_py="${PYTHON:-}"
  if [ -z "$base_py" ]; then
    for c in python3.11 python3; do command -v "$c" >/dev/null && { base_py="$c"; break; }; done
  fi
  [ -x "$PY" ] || { echo "==> creating virtualenv (.venv) with $base_py"; "$base_py" -m venv "$VENV"; }
  local want stamp="$VENV/.beian-installed"
  want="$(sha256sum pyproject.toml | cut -d' ' -f1) [$extras]"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing Python packages [$extras] (first run takes a few minutes)"
    "$PY" -m pip install -q --disable-pip-version-check -U pip
    "$PY" -m pip install -q --disable-pip-version-check -e ".[$extras]"
    echo "$want" > "$stamp"
  fi
}
