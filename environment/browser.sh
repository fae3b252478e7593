#!/usr/bin/env bash
# Installs the browser the browser tests drive (edm.env.BrowserLabTest): Debian's chromium and
# chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver), with apt-get (root or sudo). Nothing is
# downloaded at test time. Without them the browser tests are skipped, and this says why.
set -euo pipefail
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && exit 0
packages="chromium chromium-driver"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "warning: the browser tests need Debian's $packages, and installing them needs root; they will be skipped" >&2
    exit 0
fi
echo "Installing the browser for the browser tests: $packages" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || true
$sudo apt-get install -y -qq --no-install-recommends $packages >&2 ||
    echo "warning: apt-get could not install $packages; the browser tests will be skipped" >&2
