#!/usr/bin/env bash
# bench/linear.sh — extraction time against a document's size: one document of ordinary
# sentences at 1, 4 and 16 MB (and 50 MB with BIG=1), extracted on one core.  Extraction
# must be linear: 4 times the text at most 5 times the time.
#
#   bench/linear.sh [BINARY]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$root/build/liaison}
out=$root/bench/out
mkdir -p "$out"
sizes="1 4 16"
[ "${BIG:-0}" = 1 ] && sizes="$sizes 50"
prev=
for mb in $sizes; do
	f=$out/linear-$mb.txt
	[ -f "$f" ] || python3 - "$f" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
line = 'Shanghai Mayor Gong Zheng met Vietnamese Ambassador Pham Sao Mai on May 5, 2024, and trade reached US$%d.%d billion in 2023.'
with open(path, 'w') as f:
    i = 0
    while f.tell() < mb * 1000000:
        f.write(line % (i // 10, i % 10) + "\n")
        i += 1
PY
	t0=$(date +%s.%N)
	/usr/bin/time -f "%M" -o "$out/linear.rss" "$bin" extract --json -q --jobs 1 "$f" > /dev/null
	t1=$(date +%s.%N)
	secs=$(echo "$t1 - $t0" | bc)
	printf '%3d MB: %6.2f s, %5.1f MB/s, peak RSS %d MB' "$mb" "$secs" "$(echo "$mb / $secs" | bc -l)" \
		"$(( $(cat "$out/linear.rss") / 1024 ))"
	[ -n "$prev" ] && printf ', x%.2f the time of %s MB' "$(echo "$secs / $prev" | bc -l)" "$pmb"
	echo
	prev=$secs pmb=$mb
done
