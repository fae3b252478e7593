#!/usr/bin/env bash
# Finds or makes the Python that serves the lab and executes notebooks, and prints its path.
#
# Order:
#   1. $EDM_PYTHON, if set and able (jupyter_client, nbclient, nbformat, nbconvert, and jupyterlab or
#      the classic notebook); if it is not, the reason is printed and it is skipped.
#   2. The project's venv, target/venv, made from environment/requirements.txt (exact pins) with pip.
#      pip is run with --retries 0 --timeout 5 so that an unreachable index fails in seconds instead of
#      being retried for every package (measured: 25 s against 11 min 51 s with pip's defaults).
#      EDM_PIP_ARGS adds options (a mirror, a longer timeout); the log is target/venv-install.log.
#   3. Only if pip cannot install: Debian's packages (classic Notebook, no JupyterLab), with apt-get
#      (root or sudo). The reason is printed.
# Nothing is installed into the user's own Python or home folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/target/venv"
req="$root/environment/requirements.txt"
log="$root/target/venv-install.log"

core="jupyter_client nbclient nbformat nbconvert"

# Prints the first module of "$2" that python $1 cannot find; nothing if it has them all.
missing_module() {
    "$1" -c 'import importlib.util as u, sys
print(next((m for m in sys.argv[1:] if u.find_spec(m) is None), ""))' $2 2>/dev/null || echo "(python fails to start)"
}

if [ -n "${EDM_PYTHON:-}" ]; then
    if [ ! -x "$EDM_PYTHON" ]; then
        echo "EDM_PYTHON=$EDM_PYTHON skipped: not an executable file" >&2
    elif m="$(missing_module "$EDM_PYTHON" "$core")" && [ -n "$m" ]; then
        echo "EDM_PYTHON=$EDM_PYTHON skipped: it cannot import $m (needs $core, and jupyterlab or notebook)" >&2
    elif [ -n "$(missing_module "$EDM_PYTHON" jupyterlab)" ] && [ -n "$(missing_module "$EDM_PYTHON" notebook)" ]; then
        echo "EDM_PYTHON=$EDM_PYTHON skipped: it has neither jupyterlab nor notebook to serve the lab" >&2
    else
        echo "$EDM_PYTHON"
        exit 0
    fi
fi

# The project venv, (re)made when requirements.txt changed or the venv is broken.
want="$(sha256sum "$req" | cut -d' ' -f1)"
stamp="$venv/.requirements.sha256"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] &&
    [ -z "$(missing_module "$venv/bin/python" "$core jupyterlab")" ]; then
    echo "$venv/bin/python"
    exit 0
fi

make_venv() {
    local base
    for base in "$(command -v python3 || true)" /usr/bin/python3; do
        [ -n "$base" ] && [ -x "$base" ] || continue
        rm -rf "$venv"
        if "$base" -m venv "$venv" >>"$log" 2>&1; then return 0; fi
        echo "($base -m venv failed; see $log)" >&2
    done
    return 1
}

mkdir -p "$root/target"
: > "$log"
echo "Installing the pinned Python environment (environment/requirements.txt) into target/venv..." >&2
reason=""
if ! make_venv; then
    reason="no python3 here can make a venv (Debian: apt-get install python3-venv)"
else
    t0=$SECONDS
    # shellcheck disable=SC2086 # EDM_PIP_ARGS is a list of options
    if PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --no-input --retries 0 --timeout 5 \
        --progress-bar off ${EDM_PIP_ARGS:-} -r "$req" >>"$log" 2>&1; then
        if m="$(missing_module "$venv/bin/python" "$core jupyterlab")" && [ -z "$m" ]; then
            echo "$want" > "$stamp"
            echo "Installed in $((SECONDS - t0)) s." >&2
            echo "$venv/bin/python"
            exit 0
        fi
        reason="pip installed, but the venv cannot import $m"
    else
        reason="pip could not install the requirements ($(grep -m1 -E '^ERROR' "$log" || echo "see $log"))"
    fi
fi

# Fallback: Debian's packages.
echo "warning: $reason; full log: $log" >&2
need="import jupyter_client, nbclient, nbformat, nbconvert, notebook"
if /usr/bin/python3 -c "$need" >/dev/null 2>&1; then
    echo "Falling back to Debian's Jupyter (/usr/bin/python3: classic Notebook, no JupyterLab)" >&2
    echo /usr/bin/python3
    exit 0
fi
packages="jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-nbformat"
echo "Falling back to Debian's packages (classic Notebook, no JupyterLab): $packages" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: Jupyter is missing and installing it needs root (apt-get install $packages)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || true
$sudo apt-get install -y -qq --no-install-recommends $packages >&2
if /usr/bin/python3 -c "$need" >/dev/null 2>&1; then
    echo /usr/bin/python3
else
    echo "error: Jupyter was installed but /usr/bin/python3 cannot import it ($need)" >&2
    exit 1
fi
