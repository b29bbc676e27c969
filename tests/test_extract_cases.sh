#!/usr/bin/env bash
# test_extract_cases.sh — the runner of tests/extract/*.txt checked against itself: that it
# can fail.  A runner that passes everything would let every case rot unseen.
#
#   tests/test_extract_cases.sh EXTRACT_CASES CASES_DIR
#
# 1. a copy of a real case file with one expectation made wrong: that case fails, with its
#    file and line, and the others of the file pass;
# 2. cases whose fragment the record of one short text must not satisfy, one for each way
#    a fragment can fail (a value, a key, a length, an index, "only", "has", "none", ...):
#    each is reported failing;
# 3. cases it must satisfy (the same text): they pass;
# 4. files that cannot be parsed: the run fails, naming the file and line.
set -uo pipefail

bin=${1:?usage: test_extract_cases.sh EXTRACT_CASES CASES_DIR}
cases=${2:?usage: test_extract_cases.sh EXTRACT_CASES CASES_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# run FILE... -> $out (stdout and stderr), $rc
run() {
    out=$("$bin" "$@" 2>&1)
    rc=$?
}

# ---- 1. one expectation of a real case made wrong ----
src=$cases/relations.txt
n=$(grep -c '^=== ' "$src")
line=$(grep -n '"since": 1994' "$src" | head -1 | cut -d: -f1)
if [ -z "$line" ]; then
    fail "relations.txt has no '\"since\": 1994' to make wrong"
else
    sed "${line}s/\"since\": 1994/\"since\": 1995/" "$src" >"$tmp/relations.txt"
    name=$(head -n "$line" "$src" | grep '^=== ' | tail -1 | cut -c5-)
    at=$(grep -n "^=== $name\$" "$src" | cut -d: -f1)
    run "$tmp/relations.txt"
    [ "$rc" = 1 ] || fail "1: exit $rc, want 1"
    grep -q "^$tmp/relations.txt:$at: $name: FAILED\$" <<<"$out" || fail "1: no '$name: FAILED' at line $at"
    grep -q 'since: want 1995, got 1994' <<<"$out" || fail "1: the difference is not told"
    grep -q '^  record: ' <<<"$out" || fail "1: the record is not shown"
    grep -q "^$((n - 1)) passed, 1 failed\$" <<<"$out" || fail "1: want '$((n - 1)) passed, 1 failed'"
    [ "$fails" = 0 ] || echo "$out"
fi

# ---- 2, 3. each kind of mismatch, and matches, on one text ----
text='Shanghai Mayor Zhao Mingyuan met with Vietnamese Ambassador to China Tran Van Khoa in Shanghai on 9 October 2020.'
wrong=(
    '{"lang": "zh"}'
    '{"published": "2020-10-09"}'
    '{"lang": 0}'
    '{"published": 0}'
    '{"nosuchkey": null}'
    '{"events": {"length": 2}}'
    '{"events": {"1": {}}}'
    '{"events": {"0": {"type": "visit"}}}'
    '{"events": {"0": {"participants": {"only": ["Zhao Mingyuan"]}}}}'
    '{"events": {"0": {"participants": {"only": ["Zhao Mingyuan", "Tran Van Khoa", "Luo Jianhua"]}}}}'
    '{"events": {"0": {"participants": ["Zhao Mingyuan", "Zhao Mingyuan"]}}}'
    '{"events": {"0": {"participants": {"has": ["Luo Jianhua"]}}}}'
    '{"persons": [{"name": "Zhao Mingyuan", "role": "ambassador"}]}'
    '{"persons": {"none": [{"name": "Tran Van Khoa"}]}}'
    '{"@dates": [{"text": "9 October 2020", "date": "2020-10-10"}]}'
    '{"@issues": 1}'
    '{"@dates": {"length": 1, "0": {"relative": 1.5}}}'
    '{"events": {"lenght": 1}}'
)
right=(
    '{"lang": "en", "published": null}'
    '{"events": {"length": 1, "0": {"type": "meeting", "date": "2020-10-09", "place": "Shanghai",
                             "participants": {"only": ["Tran Van Khoa", "Zhao Mingyuan"]}}}}'
    '{"events": [{"participants": ["Tran Van Khoa"]}], "figures": {"length": 0}}'
    '{"persons": {"length": 2, "has": [{"name": "Zhao Mingyuan", "role": "mayor"}],
                 "none": [{"name": "Luo Jianhua"}]}}'
    '{"@status": "ok", "@issues": 0, "@dates": [{"text": "9 October 2020", "date": "2020-10-09"}]}'
    '{"@persons": [{"name": "Zhao Mingyuan", "nment": 1.0}]}'
)
write_cases() { # FILE NAME-PREFIX FRAGMENT...
    local f=$1 p=$2 k=0
    shift 2
    : >"$f"
    for frag in "$@"; do
        k=$((k + 1))
        printf '=== %s%d\n--- text\n%s\n--- expect\n%s\n\n' "$p" "$k" "$text" "$frag" >>"$f"
    done
}
write_cases "$tmp/wrong.txt" wrong "${wrong[@]}"
run "$tmp/wrong.txt"
[ "$rc" = 1 ] || fail "2: exit $rc, want 1"
grep -q "^0 passed, ${#wrong[@]} failed\$" <<<"$out" || fail "2: want '0 passed, ${#wrong[@]} failed'"
for k in $(seq 1 ${#wrong[@]}); do
    grep -q ": wrong$k: FAILED\$" <<<"$out" || fail "2: passed: ${wrong[$((k - 1))]}"
done
[ "$fails" = 0 ] || echo "$out"

write_cases "$tmp/right.txt" right "${right[@]}"
run "$tmp/right.txt"
[ "$rc" = 0 ] || fail "3: exit $rc, want 0"
grep -q "^${#right[@]} passed, 0 failed\$" <<<"$out" || { fail "3: want '${#right[@]} passed, 0 failed'"; echo "$out"; }

# ---- 4. files that cannot be parsed: FILE:LINE ----
printf '=== a\n--- text\nx\n--- expect\n{"lang": "en",\n "events": {"length": 1}\n\n' >"$tmp/json.txt"
printf '=== a\nlanguage: en\n--- text\nx\n--- expect\n{}\n' >"$tmp/header.txt"
printf '=== a\n--- text\nx\n=== b\n--- text\nx\n--- expect\n{}\n' >"$tmp/noexpect.txt"
printf '=== a\n--- text escapes\n\\q\n--- expect\n{}\n' >"$tmp/escape.txt"
for f in json:7 header:2 noexpect:4 escape:3; do
    file=$tmp/${f%:*}.txt
    run "$file"
    [ "$rc" = 1 ] || fail "4: ${f%:*}: exit $rc, want 1"
    grep -q "^extract_cases: error: $file:${f#*:}: " <<<"$out" || fail "4: ${f%:*}: no '$file:${f#*:}:' in: $out"
done
# with a good file beside it: its cases run, and the run fails all the same
run "$tmp/right.txt" "$tmp/header.txt"
[ "$rc" = 1 ] || fail "4: exit $rc with an unparsable file beside a good one, want 1"
grep -q "^${#right[@]} passed, 0 failed, 1 case file(s) not read\$" <<<"$out" || fail "4: the closing line: $out"

if [ "$fails" = 0 ]; then
    echo "extract_cases fails when it should: ok"
    exit 0
fi
echo "$fails failure(s)"
exit 1
