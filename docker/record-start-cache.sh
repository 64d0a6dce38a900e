#!/bin/sh
# Records what makes wordvec start fast, for the Java runtime that will run it, and writes the
# flags that use it to APP/jvm.args (read by the image's entrypoint as `java @/app/jvm.args`).
#
#   record-start-cache.sh APP     APP: the extracted jar (java -Djarmode=tools -jar wordvec.jar extract)
#
# - Java 25 and later: an AOT cache (-XX:AOTCacheOutput, then -XX:AOTCache): the classes a start
#   loads, already parsed and linked, and the profiles of the methods it ran.
# - Java 17 to 24: a class-data-sharing archive (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile).
# Both need the same JVM, jar and JAVA_TOOL_OPTIONS at run time as here; a mismatch is not fatal
# (the JVM says so on its first lines and starts without the cache), so record again after
# changing them. The training is a real start: a tiny model is converted into a cache by a first
# start, then a second start maps it as a production restart does, answers the probe (ready, a
# vector, a nearest word) and is stopped with SIGTERM, when the JVM writes the cache.
# Env: JAVA (default: java on the PATH), TRAINING_PORT (18080), START_CACHE (true; false records
# nothing and writes only the flags).
set -eu
app="$(cd "${1:?usage: record-start-cache.sh APP}" && pwd)"
java="${JAVA:-java}"
port="${TRAINING_PORT:-18080}"
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT

version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${version%%.*}" -ge 25 ]; then
  # Java 25 warns when a library loads native code (JNA, libtorch) unless this is set.
  common="-Dspring.aot.enabled=true --enable-native-access=ALL-UNNAMED"
  cache="$app/wordvec.aot"; record="-XX:AOTCacheOutput=$cache"; use="-XX:AOTCache=$cache"
else
  # Before Java 25, the optimising compiler held back while the service starts (thresholds 4 to 12
  # times the defaults): on two cores it otherwise takes a core from the start, about 0.4 s. Not
  # on Java 25: the AOT cache's profiles make it unneeded there, and with them it halved the
  # steady GET /vector rate (docs/benchmarks.md).
  common="-Dspring.aot.enabled=true -XX:Tier4InvocationThreshold=60000 -XX:Tier4MinInvocationThreshold=6000"
  common="$common -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000"
  cache="$app/wordvec.jsa"; record="-XX:ArchiveClassesAtExit=$cache"; use="-XX:SharedArchiveFile=$cache"
fi

if [ "${START_CACHE:-true}" = false ]; then
  # shellcheck disable=SC2086
  printf '%s\n' $common > "$app/jvm.args"
  echo "START_CACHE=false: no start-up cache; $app/jvm.args: $(tr '\n' ' ' < "$app/jvm.args")"
  exit 0
fi

printf 'the 0.1 0.2 0.3\nof 0.2 -0.1 0.4\nand -0.3 0.1 0.2\nto 0.4 0.3 -0.1\n' > "$t/model.txt"
start() {  # $@: extra JVM flags
  # shellcheck disable=SC2086 # the flags are words
  "$java" $common "$@" -jar "$app/wordvec.jar" --server.port="$port" \
    --wordvec.models.training.path="$t/model.txt" --wordvec.cache-dir="$t/cache" > "$t/log" 2>&1 &
  pid=$!
  if ! "$java" -jar "$app/wordvec.jar" probe "http://127.0.0.1:$port" --wait 120 > "$t/probe" 2>&1; then
    cat "$t/probe"; tail -30 "$t/log"; kill "$pid" 2>/dev/null; exit 1
  fi
  kill "$pid"; wait "$pid" || true
}
rm -f "$cache"
start
# shellcheck disable=SC2086
start $record
test -s "$cache" || { echo "no cache written to $cache" >&2; tail -30 "$t/log"; exit 1; }
grep -q 'mapped the converted copy' "$t/log" || { echo 'the training run did not map the cache' >&2; exit 1; }
# shellcheck disable=SC2086
printf '%s\n' $common $use > "$app/jvm.args"
echo "Java $version: $cache recorded; $app/jvm.args: $(tr '\n' ' ' < "$app/jvm.args")"
