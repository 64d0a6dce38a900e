#!/usr/bin/env bash
# What `reduce` costs on a model: PCA to each of DIMS dimensions, then `evaluate` on each
# (analogies 3CosAdd over the first 300,000 words, WordSim-353), with the time each step took
# and the matrix's size.
#
#   src/test/bench/reduce-table.sh MODEL [DIMS]     DIMS default "300 200 100 50" (300: PCA that
#                                                   keeps every dimension, i.e. centring alone)
#
# MODEL is converted to wvc once (so each step reads it mapped, not parsed); outputs go to
# $BENCH_DATA/reduce-<time>/ (default ../bench-data). The 400,000 x 300 model with real structure
# in docs/benchmarks.md is made by src/test/bench/real-model.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
model="${1:?usage: reduce-table.sh MODEL [DIMS]}"
dims="${2:-300 200 100 50}"
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
out="$data/reduce-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
jar=target/wordvec.jar

seconds() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
java -jar "$jar" convert "$model" "$out/model.wvc" > "$out/convert.log" 2>&1
evaluate() {  # $1: file, $2: label, $3: reduce seconds, $4: variance kept
  local t0 json
  t0=$(date +%s.%N)
  json=$(java -jar "$jar" evaluate "$1" --analogies questions-words --pairs wordsim353 --json 2> "$out/evaluate-$2.log")
  local took; took=$(seconds "$t0")
  echo "$json" > "$out/evaluate-$2.json"
  python3 - "$out/evaluate-$2.json" "$2" "$3" "$took" "$(stat -c %s "$1")" "$4" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["analogies"]
asked = sum(s["correct"] + s["incorrect"] for s in a["sections"])
print(f"| {sys.argv[2]} | {sys.argv[6]} | {int(sys.argv[5]) / 1e6:.0f} MB | {a['accuracy'] * 100:.1f}% of {asked:,} "
      f"| {r['pairs']['wordsim353']['spearman']:.4f} | {sys.argv[3]} | {sys.argv[4]} s |")
PY
}
echo "| vectors | variance kept | file (wvc, float32) | analogies (3CosAdd) | WordSim-353 Spearman | reduce took | evaluate took |" | tee "$out/table.md"
echo "|---|---|---|---|---|---|---|" | tee -a "$out/table.md"
evaluate "$out/model.wvc" "the model" "" "100%" | tee -a "$out/table.md"
for d in $dims; do
  t0=$(date +%s.%N)
  java -jar "$jar" reduce "$out/model.wvc" "$out/pca$d.wvc" --dim "$d" > "$out/reduce-$d.log" 2>&1
  took="$(seconds "$t0") s"
  kept=$(grep -o '[0-9.]*% of the variance kept' "$out/reduce-$d.log" | cut -d' ' -f1)
  evaluate "$out/pca$d.wvc" "PCA to $d" "$took" "$kept" | tee -a "$out/table.md"
done
echo "results in $out"
