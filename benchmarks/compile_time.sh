#!/usr/bin/env bash
# Compile time per public header (issue 14), in CPU seconds (user + sys, so a
# busy machine inflates it less than wall time): each header alone in a file
# with an empty main, `g++ -std=c++17 -O2 -c`, against Boost's
# gregorian_types.hpp alone; and benchmarks/compile_time/bts_fiscal_total.cpp,
# a small real BTS program, compiled and linked at -O2. Each figure is the
# minimum of REPEAT runs (default 3). Prints a Markdown table.
# Usage: benchmarks/compile_time.sh [CXX]      (default g++; REPEAT=N to change)
set -euo pipefail
cd "$(dirname "$0")/.."
cxx=${1:-g++}
repeat=${REPEAT:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/borderstats-compile-time.XXXXXX")
trap 'rm -rf "$work"' EXIT

cpu() {  # command... : minimum user+sys seconds over $repeat runs (bash's time)
    local best="" t
    for _ in $(seq "$repeat"); do
        { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>"$work/err"; } 2>"$work/time" ||
            { cat "$work/err" >&2; return 1; }
        t=$(awk '{printf "%.2f", $1 + $2}' "$work/time")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$t; fi
    done
    echo "$best"
}

header_cpu() {  # include-name
    printf '#include <%s>\nint main() {}\n' "$1" >"$work/probe.cpp"
    cpu "$cxx" -std=c++17 -O2 -Iinclude -c "$work/probe.cpp" -o "$work/probe.o"
}

base=$(header_cpu boost/date_time/gregorian/gregorian_types.hpp)
echo "| include (alone, empty main, -O2 -c) | CPU s | / gregorian_types.hpp |"
echo "|---|---:|---:|"
echo "| \`<boost/date_time/gregorian/gregorian_types.hpp>\` | $base | 1.00x |"
for h in $(cd include && find borderstats -name '*.hpp' -not -path '*/detail/*' | sort); do
    t=$(header_cpu "$h")
    echo "| \`<$h>\` | $t | $(awk -v a="$t" -v b="$base" 'BEGIN{printf "%.2fx", a / b}') |"
done
t=$(cpu "$cxx" -std=c++17 -O2 -Iinclude benchmarks/compile_time/bts_fiscal_total.cpp -o "$work/bts_fiscal_total")
echo
echo "bts_fiscal_total.cpp ($(wc -l <benchmarks/compile_time/bts_fiscal_total.cpp) lines), compiled and linked at -O2: $t s CPU"
echo "($cxx $("$cxx" -dumpfullversion 2>/dev/null || true), minimum of $repeat runs, load $(cut -d' ' -f1 /proc/loadavg))"
