#!/usr/bin/env bash
# The browser test drives Debian's Chromium (Playwright cannot download its own browsers on the
# build machine), so a fresh machine gets it from apt. CI runs as root; anyone else is told what to
# run instead of being prompted for a password half-way through the check.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing at $CHROMIUM and installing it needs root." >&2
  echo "Run: sudo apt-get update && sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
  exit 1
fi
if ! command -v apt-get > /dev/null; then
  echo "Chromium is missing at $CHROMIUM and this machine has no apt-get; install Chromium and set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian's chromium package (once per machine)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core > /dev/null
[ -x "$CHROMIUM" ] || { echo "apt-get installed chromium but $CHROMIUM is still missing" >&2; exit 1; }
"$CHROMIUM" --version
