#!/usr/bin/env bash
# npm installs the browser assets the site serves (Pyodide, MathJax, axe-core).
set -euo pipefail
if command -v npm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Node.js and npm from the system packages (apt-get install nodejs npm)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  exit 0
fi
echo "npm is needed to fetch the site's browser assets but is not installed." >&2
echo "Install it with:  sudo apt-get install nodejs npm   (Debian/Ubuntu), then run make again." >&2
exit 1
