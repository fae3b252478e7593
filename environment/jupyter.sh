#!/usr/bin/env bash
# Finds (or installs) a Python that can run Jupyter and execute notebooks, and prints its path.
#
# Order: $EDM_PYTHON, then the user's own python3 on PATH, then Debian's /usr/bin/python3.
# When none has the needed modules, Debian's packages are installed with apt-get (root or sudo).
# JupyterLab is used when the chosen Python has it; otherwise the classic Notebook serves the lab.
set -euo pipefail

need="import jupyter_client, nbclient, nbformat, nbconvert, notebook"

has_modules() { "$1" -c "$need" >/dev/null 2>&1; }

for py in "${EDM_PYTHON:-}" "$(command -v python3 || true)" /usr/bin/python3; do
    if [ -n "$py" ] && [ -x "$py" ] && has_modules "$py"; then
        echo "$py"
        exit 0
    fi
done

packages="jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-nbformat"
echo "Installing Jupyter from Debian's packages: $packages" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: Jupyter is missing and installing it needs root (apt-get install $packages)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || true
$sudo apt-get install -y -qq --no-install-recommends $packages >&2
if has_modules /usr/bin/python3; then
    echo /usr/bin/python3
else
    echo "error: Jupyter was installed but /usr/bin/python3 cannot import it ($need)" >&2
    exit 1
fi
