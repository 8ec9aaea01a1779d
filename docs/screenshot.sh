#!/usr/bin/env bash
# Remake docs/timeline.png: the HTML export of the bundled seeds, as headless Chromium shows it.
# Usage: docs/screenshot.sh   (needs Debian's chromium and the project's .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/timeline -q ingest --db "$work/seeds.db"
.venv/bin/timeline -q export --format html --db "$work/seeds.db" -o "$work/timeline.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  --host-resolver-rules='MAP * ~NOTFOUND' --hide-scrollbars --window-size=1000,1500 \
  --screenshot="$PWD/docs/timeline.png" "file://$work/timeline.html" 2>/dev/null
echo "wrote docs/timeline.png"
