#!/usr/bin/env bash
# Installs Debian's Chromium and its chromedriver for the admin page's browser tests.
# Called by the CI script; safe to run again: it does nothing when /usr/bin/chromedriver is there.
# Both come from Debian's packages so that no test ever downloads a browser or driver of its own.
set -euo pipefail

if [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/chromium ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser.sh: must run as root to install chromium and chromium-driver" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver
/usr/bin/chromedriver --version
