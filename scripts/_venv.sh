# Sourced by scripts/demo, scripts/serve and scripts/test: a virtual environment in .venv with the pinned
# requirements, installed again only when a requirements file changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ensure_venv() {
  local requirements="$1"
  local python="${CYP_PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv ($($python --version))"
    "$python" -m venv .venv
  fi
  local stamp=".venv/.installed-$(basename "$requirements")"
  local digest
  digest="$(cat requirements*.txt | sha256sum | cut -c1-16)"
  # requirements-test.txt starts with "-r requirements.txt": installing it installs both.
  if [ "$(basename "$requirements")" = "requirements.txt" ] && [ -f .venv/.installed-requirements-test.txt ] \
    && [ "$(cat .venv/.installed-requirements-test.txt)" = "$digest" ]; then
    return 0
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "Installing $requirements into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$digest" > "$stamp"
  fi
}
