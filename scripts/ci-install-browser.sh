#!/bin/sh
# Installs Debian's Chromium for the dashboard test (test/server/dashboard.test.ts),
# which drives /usr/bin/chromium with playwright-core. Does nothing when it is there.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-install-browser: no apt-get; the dashboard test will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
