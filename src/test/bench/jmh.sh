#!/usr/bin/env bash
# JMH benchmarks of loading and querying (src/test/java/dev/wordvec/bench/ModelBenchmarks.java).
# Generates the seeded 400,000 x 300 model into $BENCH_DATA (default ../bench-data, outside the
# repository) on first use. Extra arguments go to JMH, e.g. `src/test/bench/jmh.sh top10` or
# `-p words=100000`.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="${BENCH_DATA:-../bench-data}"
# glibc's mmap threshold as the service fixes it once ready (NativeHeap, 1 MiB): left to move (up to
# 32 MiB), it hides the cost of native buffers that the service maps afresh each time.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1048576}"
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dwordvec.bench.data="$data" org.openjdk.jmh.Main -jvmArgsAppend "-Dwordvec.bench.data=$data" \
  -rf json -rff target/jmh-result.json "$@"
