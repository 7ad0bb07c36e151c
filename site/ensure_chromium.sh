#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; never a downloaded browser build.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from the system packages (apt-get install chromium)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "Chromium is needed for the browser tests but /usr/bin/chromium is missing." >&2
echo "Install it with:  sudo apt-get install chromium   (Debian/Ubuntu), then run make test again." >&2
exit 1
