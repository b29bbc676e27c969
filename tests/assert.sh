# tests/assert.sh — the checks the shell tests share, sourced after $tmp (a scratch folder)
# and $py (python3) are set: ok/bad count and print; run NAME STATUS CMD... keeps stdout and
# stderr in $tmp/out and $tmp/err; has/lacks NAME FILE REGEX; lines NAME FILE N; same NAME
# FILE1 FILE2; docs FILE (the doc ids of JSON Lines records); is NAME GOT WANT.  The caller
# ends with its summary from $fails and $checks.
fails=0 checks=0
ok() { checks=$((checks + 1)); echo "ok   $1"; }
bad() {
    checks=$((checks + 1)) fails=$((fails + 1))
    echo "FAIL $1"
    shift
    local x
    for x in "$@"; do [ -s "$x" ] && sed 's/^/     | /' "$x" | head -n 20; done
}
run() { # run NAME WANT_STATUS CMD...: stdout, stderr in $tmp/out, $tmp/err
    local name=$1 want=$2
    shift 2
    "$@" > "$tmp/out" 2> "$tmp/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name: exit $rc"; else bad "$name: exit $rc, want $want" "$tmp/err" "$tmp/out"; fi
}
has() { if grep -qE -- "$3" "$2"; then ok "$1"; else bad "$1: no /$3/ in $(basename "$2")" "$2"; fi; }
lacks() { if grep -qE -- "$3" "$2"; then bad "$1: /$3/ in $(basename "$2")" "$2"; else ok "$1"; fi; }
lines() {
    local n
    n=$(wc -l < "$2")
    if [ "$n" -eq "$3" ]; then ok "$1"; else bad "$1: $n lines, want $3" "$2"; fi
}
same() { # same NAME FILE1 FILE2
    if cmp -s "$2" "$3"; then ok "$1"; else diff "$2" "$3" | head -n 20 > "$tmp/diff"; bad "$1: differ" "$tmp/diff"; fi
}
docs() { "$py" -c 'import json, sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1], encoding="utf-8")))' "$1"; }
is() { # is NAME GOT WANT
    if [ "$2" = "$3" ]; then ok "$1"; else echo "got:  $2" > "$tmp/is"; echo "want: $3" >> "$tmp/is"; bad "$1" "$tmp/is"; fi
}
