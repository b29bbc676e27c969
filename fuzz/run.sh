#!/usr/bin/env bash
# fuzz/run.sh — fuzzes every input reader for a bounded time, then runs the
# reader tests under AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   fuzz/run.sh                 20 s per target
#   FUZZ_TARGETS=dates FUZZ_SECONDS=60 fuzz/run.sh   one target
#   FUZZ_SECONDS=5 fuzz/run.sh  (CI: scripts/test calls it with a small time)
#
# Builds with clang in build-fuzz/ (-DLSN_FUZZ=ON -DLSN_SANITIZE=ON): one
# libFuzzer target per reader (fuzz/fuzz_{html,jsonl,warc,feed}.c), the
# extraction pipeline on raw text (fuzz_extract.c), stored records
# (fuzz_records.c) and the date grammar with its reasoning (fuzz_dates.c), each
# started from its seed corpus fuzz/corpus/<target>/ (read only: new inputs
# go to build-fuzz/corpus/<target>/).  A crash, leak, sanitizer report or
# time-out fails the run; the input that did it is left in build-fuzz/ as
# crash-*, leak-* or timeout-* for fuzz_<target> to replay.  Needs the
# packages clang and libclang-rt-14-dev (scripts/deps installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

secs=${FUZZ_SECONDS:-20}
jobs=$(nproc 2>/dev/null || echo 2)
command -v clang > /dev/null || { echo "fuzz: clang not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

mkdir -p build-fuzz
log=build-fuzz/build.log
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DLSN_FUZZ=ON -DLSN_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
cmake --build build-fuzz -j "$jobs" --target fuzz_html fuzz_jsonl fuzz_warc fuzz_feed fuzz_extract fuzz_records fuzz_dates test_read \
    >> "$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=0
for t in ${FUZZ_TARGETS:-html jsonl warc feed extract records dates}; do
    work=build-fuzz/corpus/$t
    mkdir -p "$work"
    echo "fuzz: $t for ${secs}s"
    if ! (cd build-fuzz && ./fuzz_$t -max_total_time="$secs" -max_len=65536 -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 "corpus/$t" "../fuzz/corpus/$t" \
            > "fuzz-$t.log" 2>&1); then
        echo "fuzz: $t FAILED; the end of build-fuzz/fuzz-$t.log:" >&2
        tail -40 "build-fuzz/fuzz-$t.log" >&2
        failed=1
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz-$t.log" \
            | sed "s/^/fuzz: $t: /"
    fi
done

echo "fuzz: the reader tests under address and undefined-behaviour sanitizers"
if ! ctest --test-dir build-fuzz -R '^read$' --output-on-failure --no-tests=error; then
    failed=1
fi
if [ "$failed" -ne 0 ]; then
    echo "fuzz: FAILED" >&2
    exit 1
fi
echo "fuzz: $(wc -w <<< "${FUZZ_TARGETS:-html jsonl warc feed extract records dates}") targets x ${secs}s and the sanitized reader tests: no crash, leak or report"
