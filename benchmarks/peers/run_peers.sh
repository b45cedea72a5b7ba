#!/usr/bin/env bash
# Peer benchmark harness for borderstats (issue 4). See README.md in this folder.
#
# usage: benchmarks/peers/run_peers.sh [--setup] [--runs N] [--threads "1 2"]
#                                      [--no-real] [SIZE ...]
#   SIZE       data rows of a generated CBP file; default: 1000000 10000000
#   --setup    first install the peers (Debian packages + npm ci), needs root
#   --runs N   timed runs of every tool on every file (default 5, env RUNS)
#   --threads  thread counts for the tools that have a knob (default "1 2")
#   --no-real  skip the real CBP file from examples/data
# environment:
#   BENCH_DIR        scratch dir for data, outputs and logs (default /tmp/borderstats-bench)
#   BORDERSTATS_BIN  executable run as `$BORDERSTATS_BIN FILE THREADS` (optional)
#   PEERS            tools to run (default "wc pandas fccp duckdb polars borderstats")
#   REAL_FILE        real CBP file (default examples/data/cbp-nationwide-encounters-fy20-fy23-state.csv)
# Exit status: 0 when every tool's output equals pandas' output (and the edge
# case check passes); 1 on any difference or tool failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/borderstats-bench}"
RUNS="${RUNS:-5}"
THREADS_LIST="${THREADS_LIST:-1 2}"
PEERS="${PEERS:-wc pandas fccp duckdb polars borderstats}"
REAL_FILE="${REAL_FILE:-$REPO/examples/data/cbp-nationwide-encounters-fy20-fy23-state.csv}"
PY=/usr/bin/python3            # Debian's python3, where python3-pandas lives
SETUP=0
USE_REAL=1
SIZES=()

while [ $# -gt 0 ]; do
  case "$1" in
    --setup) SETUP=1 ;;
    --runs) RUNS="$2"; shift ;;
    --threads) THREADS_LIST="$2"; shift ;;
    --no-real) USE_REAL=0 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    [0-9]*) SIZES+=("$1") ;;
    *) echo "run_peers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000 10000000)

die() { echo "run_peers.sh: ERROR: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

if [ "$SETUP" = 1 ]; then
  log "setup: Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3 python3-pandas libfccp-dev g++ time >/dev/null
  command -v node >/dev/null || apt-get install -y -qq nodejs npm >/dev/null
  log "setup: npm ci in $HERE"
  (cd "$HERE" && npm ci --no-audit --no-fund >/dev/null)
fi

# ---- prerequisites ---------------------------------------------------------
[ -x /usr/bin/time ] || die "/usr/bin/time missing (apt-get install time, or run with --setup)"
has() { case " $PEERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if has pandas; then $PY -c 'import pandas' 2>/dev/null || die "pandas missing for $PY (apt-get install python3-pandas, or --setup)"; fi
if has duckdb || has polars; then
  command -v node >/dev/null || die "node missing"
  node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || die "node >= 20 needed (nodejs-polars)"
  [ -d "$HERE/node_modules/@duckdb/node-api" ] && [ -d "$HERE/node_modules/nodejs-polars" ] \
    || die "node_modules missing: (cd $HERE && npm ci), or --setup"
fi
if has fccp; then [ -f /usr/include/libfccp/csv.h ] || die "libfccp-dev missing (apt-get install libfccp-dev, or --setup)"; fi
if has borderstats && [ -z "${BORDERSTATS_BIN:-}" ]; then
  log "BORDERSTATS_BIN not set: borderstats is not run"
elif has borderstats && [ ! -x "$BORDERSTATS_BIN" ]; then
  die "BORDERSTATS_BIN=$BORDERSTATS_BIN is not an executable"
fi

mkdir -p "$BENCH_DIR/out"
if has fccp; then
  log "build peer_fccp"
  g++ -O2 -std=c++17 -pthread -w "$HERE/peer_fccp.cpp" -o "$BENCH_DIR/peer_fccp"
fi

# ---- the tools: "name|command prefix" (FILE THREADS appended) ---------------
TOOLS=()
has wc && TOOLS+=("wc -l|wc -l")
has pandas && TOOLS+=("pandas|$PY $HERE/peer_pandas.py")
has fccp && TOOLS+=("fast-cpp-csv-parser|$BENCH_DIR/peer_fccp")
for t in $THREADS_LIST; do
  has duckdb && TOOLS+=("duckdb ${t}T|node $HERE/peer_duckdb.mjs:$t")
  has polars && TOOLS+=("polars ${t}T|node $HERE/peer_polars.mjs:$t")
  if has borderstats && [ -n "${BORDERSTATS_BIN:-}" ]; then TOOLS+=("borderstats ${t}T|$BORDERSTATS_BIN:$t"); fi
done
# command line of a tool on a file: "cmd FILE THREADS" (wc: "wc -l FILE")
cmdline() { # $1 spec, $2 file
  local spec="${1#*|}" threads=1
  case "$spec" in *:[0-9]*) threads="${spec##*:}"; spec="${spec%:*}" ;; esac
  if [ "${1%%|*}" = "wc -l" ]; then echo "$spec $2"; else echo "$spec $2 $threads"; fi
}
slug() { echo "$1" | tr -c 'A-Za-z0-9\n' '_'; }

# ---- correctness on the hand-made edge cases --------------------------------
log "edge cases: every peer vs edge_cases.expected"
fail=0
for spec in "${TOOLS[@]}"; do
  name="${spec%%|*}"; [ "$name" = "wc -l" ] && continue
  out="$BENCH_DIR/out/edge_$(slug "$name").txt"
  # shellcheck disable=SC2046
  if ! $(cmdline "$spec" "$HERE/edge_cases.csv") >"$out" 2>"$out.err"; then
    echo "FAIL: $name exited non-zero on edge_cases.csv:" >&2; cat "$out.err" >&2; fail=1; continue
  fi
  if ! diff -u "$HERE/edge_cases.expected" "$out" >"$out.diff"; then
    echo "FAIL: $name differs from edge_cases.expected:" >&2; head -40 "$out.diff" >&2; fail=1
  fi
done
[ "$fail" = 0 ] || die "edge-case outputs differ (see above)"

# ---- data sets --------------------------------------------------------------
DATASETS=()
[ "$USE_REAL" = 1 ] && DATASETS+=("real|$REAL_FILE")
for n in "${SIZES[@]}"; do
  f="$BENCH_DIR/cbp_$n.csv"
  if [ ! -f "$f" ] || [ "$(wc -l <"$f")" -ne $((n + 1)) ]; then
    log "generate $f"
    python3 "$HERE/gen_cbp.py" "$n" "$f.tmp" && mv "$f.tmp" "$f"
  fi
  DATASETS+=("$n|$f")
done

TSV="$BENCH_DIR/times.tsv"
printf 'dataset\tfile\tbytes\trows\ttool\trun\twall_s\trss_kb\tload1_before\n' >"$TSV"
for ds in "${DATASETS[@]}"; do
  dname="${ds%%|*}"; file="${ds#*|}"
  [ -f "$file" ] || die "no such file $file"
  bytes=$(stat -c %s "$file"); rows=$(( $(wc -l <"$file") - 1 ))
  cat "$file" >/dev/null    # warm the page cache: every tool reads from memory
  ref=""
  log "dataset $dname: $file ($rows rows, $bytes bytes), $RUNS runs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in $(seq 1 "$RUNS"); do
    for spec in "${TOOLS[@]}"; do
      name="${spec%%|*}"
      out="$BENCH_DIR/out/$(slug "$dname")_$(slug "$name").txt"
      load=$(cut -d' ' -f1 /proc/loadavg)
      t0=$(date +%s%N)
      # shellcheck disable=SC2046
      if ! /usr/bin/time -f %M -o "$out.rss" $(cmdline "$spec" "$file") >"$out" 2>"$out.err"; then
        cat "$out.err" >&2; die "$name failed on $file (run $run)"
      fi
      t1=$(date +%s%N)
      rss=$(tail -n1 "$out.rss")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$dname" "$file" "$bytes" "$rows" "$name" "$run" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')" "$rss" "$load" >>"$TSV"
      [ "$name" = "wc -l" ] && continue
      if [ -z "$ref" ]; then
        ref="$out.ref"; cp "$out" "$ref"
        [ "$name" = pandas ] || log "WARNING: pandas not run; reference output is $name's"
      elif ! cmp -s "$ref" "$out"; then
        { diff -u "$ref" "$out" || true; } | head -40 >&2
        die "OUTPUT DIFFERS: $name on $dname (run $run) vs $(basename "$ref")"
      fi
    done
  done
  log "dataset $dname: all outputs identical ($(wc -l <"$ref") lines), load $(cut -d' ' -f1-3 /proc/loadavg)"
done

# ---- Markdown table -----------------------------------------------------------
python3 - "$TSV" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
order = []
for r in rows:
    if r["dataset"] not in order:
        order.append(r["dataset"])
for ds in order:
    rs = [r for r in rows if r["dataset"] == ds]
    r0 = rs[0]
    mb = int(r0["bytes"]) / 1e6
    loads = [float(r["load1_before"]) for r in rs]
    print(f"\n### {ds if ds == 'real' else format(int(ds), ',') + ' rows'}: "
          f"{r0['file'].rsplit('/', 1)[-1]}, {int(r0['rows']):,} rows, {mb:,.1f} MB "
          f"({len(set(r['run'] for r in rs))} runs; 1-min load average {min(loads):.2f}..{max(loads):.2f})\n")
    print("| tool | wall median (s) | wall min-max (s) | MB/s (median) | peak RSS (MB, max) |")
    print("|---|---:|---:|---:|---:|")
    tools = []
    for r in rs:
        if r["tool"] not in tools:
            tools.append(r["tool"])
    for t in tools:
        w = [float(r["wall_s"]) for r in rs if r["tool"] == t]
        m = [int(r["rss_kb"]) for r in rs if r["tool"] == t]
        med = statistics.median(w)
        print(f"| {t} | {med:.3f} | {min(w):.3f}-{max(w):.3f} | {mb / med:,.0f} | {max(m) / 1024:,.1f} |")
EOF
echo
log "raw timings: $TSV"
