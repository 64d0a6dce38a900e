#!/usr/bin/env bash
# `wordvec train` against gensim 4 Word2Vec on the same corpus, same parameters (by default
# gensim's: 100 dimensions, window 5, 5 negatives, min count 5, sample 1e-3, alpha 0.025),
# same run, 2 threads each: words per second (raw corpus words, as both count them), peak
# resident memory (GNU time), analogy accuracy (questions-words, 3CosAdd over the first 300,000
# words) and WordSim-353 Spearman, both from `wordvec evaluate` (equal to gensim's evaluation).
# Both run once per seed in SEEDS (the target: wordvec no worse than the lowest of gensim's
# seeds), alternating wordvec, gensim so that a slow minute hits both.
#
#   src/test/bench/train-compare.sh CORPUS
#   env: METHODS="skipgram cbow"  SEEDS="1 2 3"  EPOCHS=5  THREADS=2  PYTHON=/usr/bin/python3 (Debian's python3-gensim)
#        PARAMS="--dim 50 --window 10 --negative 15 --sample 1e-4" (given to both; also --min-count,
#        --alpha; empty: gensim's defaults)
#
# The corpus used in docs/benchmarks.md is the built-in model's (11.3 M words), made by
# ../shared/data/build-demo-model.sh (SKIP_TRAIN=1). Outputs go to $BENCH_DATA/train-<time>/.
set -euo pipefail
cd "$(dirname "$0")/../../.."
corpus="$(realpath "${1:?usage: train-compare.sh CORPUS}")"
methods="${METHODS:-skipgram cbow}"; seeds="${SEEDS:-1 2 3}"; epochs="${EPOCHS:-5}"; threads="${THREADS:-2}"
read -r -a params <<< "${PARAMS:-}"
py="${PYTHON:-/usr/bin/python3}"
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
out="$data/train-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
jar="$(pwd)/target/wordvec.jar"
echo "corpus $corpus, epochs $epochs, threads $threads, parameters: ${PARAMS:-gensim defaults}; results in $out"

peak() { awk '/Maximum resident set size/{printf "%.0f", $6/1024}' "$1"; }
quality() {  # $1: model file -> "accuracy spearman"
  java -jar "$jar" evaluate "$1" --analogies questions-words --pairs wordsim353 --json 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.4f %.4f" % (d["analogies"]["accuracy"], d["pairs"]["wordsim353"]["spearman"]))'
}
row() {  # tool method seed seconds words/s peakMiB model
  local q; q=$(quality "$7")
  printf '%-8s %-9s %4s %8s %10s %8s %s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$q" | tee -a "$out/table.txt"
}
printf '%-8s %-9s %4s %8s %10s %8s %s\n' tool method seed seconds words/s peakMiB "accuracy ws353" | tee "$out/table.txt"
for method in $methods; do
  for seed in $seeds; do
    log="$out/wordvec-$method-$seed.log"
    /usr/bin/time -v java -jar "$jar" train "$corpus" "$out/wordvec-$method-$seed.txt" --method "$method" \
      --epochs "$epochs" --threads "$threads" --seed "$seed" "${params[@]}" > "$log" 2>&1
    summary=$(grep -E '^  trained' "$log")
    seconds=$(echo "$summary" | sed -E 's/.* in ([0-9m]+)s:.*/\1/' | awk -Fm 'NF==2{print $1*60+$2; next}{print $1}')
    wps=$(echo "$summary" | sed -E 's/.*: ([0-9,]+) words\/s.*/\1/' | tr -d ,)
    row wordvec "$method" "$seed" "$seconds" "$wps" "$(peak "$log")" "$out/wordvec-$method-$seed.txt"
    log="$out/gensim-$method-$seed.log"
    /usr/bin/time -v "$py" src/test/bench/train_gensim.py "$corpus" "$out/gensim-$method-$seed.txt" --method "$method" \
      --seed "$seed" --epochs "$epochs" --workers "$threads" "${params[@]}" > "$log" 2>&1
    json=$(grep '^{' "$log")
    seconds=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
    wps=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["words_per_second"])')
    row gensim "$method" "$seed" "$seconds" "$wps" "$(peak "$log")" "$out/gensim-$method-$seed.txt"
  done
done
echo "(seconds and words/s: the training loop alone; corpus read and vocabulary scan excluded)" | tee -a "$out/table.txt"
