#!/usr/bin/env bash
# Checks the tools clip-synergy needs before anything is built, and says what
# to install when one is missing. Exits non-zero on the first missing tool.
set -euo pipefail

fail() { echo "setup: $1" >&2; exit 1; }

command -v java >/dev/null || fail "no 'java' on PATH. Install a JDK 17 or newer, e.g. 'apt-get install openjdk-17-jdk-headless'."
command -v javac >/dev/null || fail "'java' found but no 'javac': a JRE is not enough. Install a JDK 17 or newer, e.g. 'apt-get install openjdk-17-jdk-headless'."
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
java_major=${java_major#1.}
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
    fail "JDK ${java_major:-?} found, 17 or newer needed. Install e.g. 'apt-get install openjdk-17-jdk-headless' and put it first on PATH."
fi
command -v mvn >/dev/null || fail "no 'mvn' on PATH. Install Maven 3.6 or newer, e.g. 'apt-get install maven'."
command -v npm >/dev/null || fail "no 'npm' on PATH (needed once, to fetch the pinned plotly.js for offline charts). Install e.g. 'apt-get install npm'."
[ -x /usr/bin/python3 ] || fail "no /usr/bin/python3 (used only for the Jupyter environment). Install e.g. 'apt-get install python3 python3-venv'."
echo "setup: found JDK $java_major, $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), npm $(npm --version), $(/usr/bin/python3 --version)"
