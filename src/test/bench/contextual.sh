#!/usr/bin/env bash
# The contextual benchmark of docs/benchmarks.md: wordvec's contextual encoder against LangChain4j's
# own in-process all-MiniLM-L6-v2 classes, on the same texts, one text per call from 32 threads,
# float32 and quantised. Two sets of texts: "sentences", the sentences of LICENSE (real prose, 50
# sentences, median 35 tokens, up to 128), and "queries", 500 short lines of questions-words.txt
# ("Baghdad Iraq Paris France": 6 tokens), as search queries are.
# Each program prints its sentences per second over the timed rounds; the script alternates the two,
# RUNS times each, and GNU time (Debian's package `time`) reports each run's CPU time and peak memory.
# Usage: src/test/bench/contextual.sh [ROUNDS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds="${1:-20}"
runs="${2:-3}"
out="$(mkdir -p "${BENCH_OUT:-target/bench-contextual}" && cd "${BENCH_OUT:-target/bench-contextual}" && pwd)"

./mvnw -B -ntp -q test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/wordvec.cp"
./mvnw -B -ntp -q dependency:build-classpath -f src/test/bench/langchain4j/pom.xml -Dmdep.outputFile="$out/langchain4j.cp"
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
    for i in $(seq "$runs"); do  # alternated, so that a busy minute does not favour one side
      /usr/bin/time -f "langchain4j run $i: %U s user, %S s system, peak %M KB" \
        java -cp "$lc4j_cp" src/test/bench/langchain4j/Lc4jThroughput.java "$model" "$out/$texts.txt" 32 "$r" \
        >> "$out/langchain4j-$run.txt" 2>&1
      /usr/bin/time -f "wordvec run $i: %U s user, %S s system, peak %M KB" \
        java -cp "$wordvec_cp" dev.wordvec.bench.ContextualThroughput "$model" "$out/$texts.txt" 32 "$r" \
          "$workers" "$intra_op" "$max_batch" >> "$out/wordvec-$run.txt" 2>&1
    done
    grep -h " run [0-9]*: " "$out/langchain4j-$run.txt" "$out/wordvec-$run.txt"
    grep -h -E "sentences/s|GFLOP" "$out/wordvec-$run.txt" "$out/langchain4j-$run.txt"
  done
done
