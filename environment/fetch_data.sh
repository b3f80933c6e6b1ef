#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST into data/ with SHA-256 checks; see environment/fetch_data.py.
set -euo pipefail
exec python3 "$(dirname "$0")/fetch_data.py" "$@"
