#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/browser), when it is missing.
#
# The browser comes from apt, never from "playwright install". Without root nothing is installed:
# the script says so and exits 0, and the browser tests skip themselves.
# CHROMIUM overrides the path that is checked (default /usr/bin/chromium).
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [[ -x "$CHROMIUM" ]]; then
    echo "ensure-chromium: $CHROMIUM is present: $("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure-chromium: $CHROMIUM is missing and this is not root, so nothing was installed."
    echo "ensure-chromium: run 'sudo $0' to install Debian's chromium; until then the browser tests skip."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium by hand" \
         "and set CHROMIUM to its path. The browser tests skip until then."
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing Debian's chromium with apt-get ..."
apt-get update
packages=(chromium)
# Noto has every Vietnamese glyph; the browser's fallback fonts may lack some stacked diacritics.
if apt-cache show fonts-noto-core >/dev/null 2>&1; then
    packages+=(fonts-noto-core)
fi
apt-get install -y --no-install-recommends "${packages[@]}"

if [[ ! -x "$CHROMIUM" ]]; then
    echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing; set CHROMIUM to the browser's path." >&2
    exit 1
fi
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
