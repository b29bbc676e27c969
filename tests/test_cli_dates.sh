#!/usr/bin/env bash
# test_cli_dates.sh — `liaison dates`: every date, time and period of a text as JSON Lines.
#
#   tests/test_cli_dates.sh [LIAISON]
set -uo pipefail
bin=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/liaison}
fails=0
check() { # NAME WANT GOT
    if grep -qF -- "$2" <<<"$3"; then echo "ok   $1"; else echo "FAIL $1: want $2 in"; echo "$3"; fails=$((fails + 1)); fi
}
out=$(printf 'Friday, December 07, 2012, 10:51 GMT+7\n\nThe meeting was held in Cao Bang on December 6. Trade reached 2 billion USD in the first nine months of this year, officials said at 16:15.\n' | "$bin" dates)
check "en: the header's publication date" '"kind":"published","value":"2012-12-07"' "$out"
check "en: a day without its year, completed" '{"text":"December 6","start":76,"end":86,"kind":"date","value":"2012-12-06","precision":"day"}' "$out"
check "en: a part of a year" '"text":"first nine months","start":123,"end":140,"kind":"period","value":"M9"' "$out"
check "en: a relative year" '"text":"this year","start":144,"end":153,"kind":"relative_year","value":"2012"' "$out"
check "en: a clock time" '"kind":"time","value":"16:15"' "$out"
out=$(printf 'Chiều 14-5, đoàn tới Lào Cai. Từ ngày 4 - 10/8 đoàn thăm Quảng Tây.\n' | "$bin" dates --ref 2024-08-15 --lang vi)
check "vi: a day-month with a hyphen" '"text":"14-5","start":8,"end":12,"kind":"date","value":"2024-05-14"' "$out"
check "vi: a range's first day" '"kind":"range_start","value":"2024-08-04"' "$out"
check "vi: a range's last day" '"text":"10/8","start":52,"end":56,"kind":"range_end","value":"2024-08-10"' "$out"
out=$(printf '5月12日至14日，双方举行会谈。\n' | "$bin" dates --lang zh)
check "zh: no year to be had: the month and day" '"kind":"range_start","value":"--05-12","precision":"day"' "$out"
out=$(printf '2024年前三季度，贸易额增长。\n' | "$bin" dates --lang zh)
check "zh: a year" '{"text":"2024年","start":0,"end":7,"kind":"date","value":"2024","precision":"year"}' "$out"
check "zh: the first three quarters" '"text":"前三季度","start":7,"end":19,"kind":"period","value":"M9"' "$out"
"$bin" dates --lang xx </dev/null >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && echo "ok   a bad --lang is a usage error" || { echo "FAIL --lang xx: exit $rc"; fails=$((fails + 1)); }
exit $((fails > 0))
