#!/usr/bin/env bash
# Regenerates the README's picture of the HTML report, and the fingerprint of the report it shows
# (docs/images/optics-valley-report.source), which a test compares with the report the current
# tidesim writes: when the report changes, the test fails until this script is run again.
#   docs/images/make-images.sh      (needs chromium; builds the release tool)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product tidesim >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
.build/release/tidesim run scenarios/optics-valley.json --replications 3 --html "$dir/report.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1500 \
  --screenshot="$dir/report.png" "file://$dir/report.html" 2>/dev/null
cp "$dir/report.png" docs/images/optics-valley-report.png
# The fingerprint: FNV-1a (64 bits) of the page with its provenance line (the scenario path) left out.
python3 - "$dir/report.html" > docs/images/optics-valley-report.source <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r'<p class="prov">.*?</p>', '', text, flags=re.S)
h = 0xcbf29ce484222325
for b in text.encode("utf-8"):
    h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
print(f"run scenarios/optics-valley.json --replications 3 --html: fnv1a64 {h:016x}")
PY
echo "wrote docs/images/optics-valley-report.png and .source"
