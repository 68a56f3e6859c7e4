#!/usr/bin/env bash
# Differential run against real Spark: N random programs from a generator, asked of Spark
# (../shared/tools/spark-oracle) and replayed by target/release/dstream, then compared.
#
#   tools/differential/run.sh pipelines 7 80      # generator, seed, how many
#   VOC="aa bz en hk" tools/differential/run.sh pipelines 8 80
#
# Needs the oracle's venv (see ../shared/tools/spark-oracle/README.md) and a release build
# of the `dstream` binary. Writes into $DIFF_DIR (default /tmp/differential/GENERATOR-SEED).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
gen="${1:?generator: pipelines, stateful, driver, keys, tasks, rdds or mistakes}"; seed="${2:-1}"; n="${3:-40}"
dir="${DIFF_DIR:-/tmp/differential/$gen-$seed}"
rm -rf "$dir"; mkdir -p "$dir"
python3 "$HERE/$gen.py" "$seed" "$n" "$dir"
ORACLE_OUT_DIR="$dir/out" PATH="${ORACLE_VENV:-$HOME/oracle-venv}/bin:$PATH" \
  "$ROOT/../shared/tools/spark-oracle/run.sh" "$dir"/in/*.json > "$dir/oracle.log" 2>&1
# `mistakes` writes programs that may not compile: their compile errors are what is compared.
if [ "$gen" = mistakes ]; then python3 "$HERE/compile_compare.py" "$dir"; else python3 "$HERE/compare.py" "$dir"; fi
