#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver (chromedriver) for the dashboard's browser test
# (DashboardBrowserTest runs this when /usr/bin/chromium or /usr/bin/chromedriver is missing).
# Needs root and Debian's package archive; exits 2 without root.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-chromium: not root, cannot apt-get install chromium chromium-driver" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver
