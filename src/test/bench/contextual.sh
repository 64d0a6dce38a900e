#!/usr/bin/env bash
# The contextual benchmark of docs/benchmarks.md: wordvec's contextual encoder against LangChain4j's
# own in-process all-MiniLM-L6-v2 classes, on the same texts, one text per call from 32 threads,
# float32 and quantised. Two sets of texts: "sentences", the sentences of LICENSE (real prose, 50
# sentences, median 35 tokens, up to 128), and "queries", 500 short lines of questions-words.txt
# ("Baghdad Iraq Paris France": 6 tokens), as search queries are.
# Each program prints its sentences per second over the timed rounds; farm-bench alternates the two
# and reports their CPU time and peak memory. Usage: src/test/bench/contextual.sh [ROUNDS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds="${1:-20}"
runs="${2:-3}"
out="${BENCH_OUT:-target/bench-contextual}"
mkdir -p "$out"

./mvnw -B -ntp -q test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/wordvec.cp"
./mvnw -B -ntp -q dependency:build-classpath -f src/test/bench/langchain4j/pom.xml -Dmdep.outputFile="$PWD/$out/langchain4j.cp"
wordvec_cp="target/classes:target/test-classes:$(cat "$out/wordvec.cp")"
lc4j_cp="$(cat "$out/langchain4j.cp")"

tr '\n' ' ' < LICENSE | sed 's/  */ /g' | sed 's/\([.;:]\) /\1\n/g' | awk 'length($0) > 20' > "$out/sentences.txt"
grep -v '^:' src/main/resources/evaluation/questions-words.txt | awk 'NR % 39 == 0' | head -500 > "$out/queries.txt"

# wordvec's settings: WORKERS x INTRA_OP threads run the network, MAX_BATCH texts per run.
workers="${WORKERS:-2}"
intra_op="${INTRA_OP:-1}"
max_batch="${MAX_BATCH:-32}"
for texts in sentences queries; do
  # The same number of texts per run either way: 1000.
  r=$(( rounds * 50 / $(wc -l < "$out/$texts.txt") )); [ "$r" -ge 1 ] || r=1
  for model in float32 quantized; do
    run="$texts-$model"
    rm -f "$out/wordvec-$run.txt" "$out/langchain4j-$run.txt"
    echo "== $run"
    farm-bench -n "$runs" --warmup 0 --timeout 3000 \
      --vs "sh -c 'exec java -cp $lc4j_cp src/test/bench/langchain4j/Lc4jThroughput.java $model $out/$texts.txt 32 $r >>$out/langchain4j-$run.txt 2>&1'" \
      -- sh -c "exec java -cp $wordvec_cp dev.wordvec.bench.ContextualThroughput $model $out/$texts.txt 32 $r $workers $intra_op $max_batch >>$out/wordvec-$run.txt 2>&1" \
      | grep -E "peak|cpu s|A/B cpu"
    grep -h "sentences/s" "$out/wordvec-$run.txt" "$out/langchain4j-$run.txt"
  done
done
