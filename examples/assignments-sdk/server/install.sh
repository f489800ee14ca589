#!/usr/bin/env bash
# Installs the OData server of the end-to-end tests (odatapy, from PyPI) into a virtual
# environment at target/e2e-venv, where the tests look for it. Quick when already installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
venv="${ASSIGNMENTS_SDK_VENV:-$root/target/e2e-venv}"
requirements="$root/examples/assignments-sdk/server/requirements.txt"
wanted="$(grep -E '^odatapy==' "$requirements" | cut -d= -f3)"

if [ -x "$venv/bin/python" ] &&
  [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("odatapy"))' 2>/dev/null)" = "$wanted" ]; then
  echo "odatapy $wanted already installed in $venv"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
echo "odatapy $wanted installed in $venv"
