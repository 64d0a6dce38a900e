#!/bin/sh
# What makes wordvec start fast, for the Java runtime that runs it: a cache of the classes a start
# loads, and the flags that use it, written to APP/jvm.args (the image's entrypoint is
# `java @/app/jvm.args dev.wordvec.WordvecApplication`).
#
#   start-cache.sh libraries APP CLASSPATH LIST   the image's default: a class-data archive of the
#                                                 JDK's and the libraries' classes named in LIST
#   start-cache.sh full APP CLASSPATH             an AOT cache (Java 25+) or class-data archive
#                                                 recorded by a real start of the application
#   start-cache.sh none APP CLASSPATH             no cache: the flags only
#   start-cache.sh list APP CLASSPATH LIST        writes LIST: the classes a real start loads
#
# APP: Spring Boot's jar extracted (`java -Djarmode=tools -jar wordvec.jar extract --destination APP`), with
# APP/wordvec.jar and APP/lib. CLASSPATH: a file naming the jars of the manifest's Class-Path, one
# per line, relative to APP ("lib/x.jar"), in the manifest's order:
#
#   start-cache.sh classpath APP > CLASSPATH      reads it from APP/wordvec.jar's manifest
#
# Why two kinds. A cache recorded from the application's jar is refused by the JVM for any other
# jar, so every code change re-sends it (81 MB). The `libraries` archive leaves the application's
# classes out and is made from the runtime, the libraries' jars and LIST alone, in a build stage
# that sees nothing else: Docker reuses that stage from its build cache until they change, so an
# image rebuilt after a code change shares the archive's layer. (Without the build cache the dump
# is made again: the same classes, but not the same bytes, as the JVM's dump of linked classes is
# not reproducible byte for byte.) The JVM accepts the archive because the application's jar comes
# after the libraries on the class path (an archive's class path may be extended at its end).
# On Java 25 the dump links the classes ahead of time, with the constant-pool entries LIST names,
# which is what makes `full` fast; `libraries` then starts the service about as fast (within
# 0.3 s, docs/benchmarks.md).

# LIST is docker/start-classes.txt, written by `list` from a start of the service (a tiny model
# converted by a first start, mapped by a second, which answers the probe and is stopped): the
# JDK's and the libraries' classes it loaded, the lambdas they made and the constant-pool entries
# they resolved, sorted, without the application's classes. After changing dependencies, write it again (it must be written by the
# Java version the image uses):
#   ./mvnw -B -q package -DskipTests && java -Djarmode=tools -jar target/wordvec-layered.jar extract \
#     --destination /tmp/app --application-filename wordvec.jar
#   docker/start-cache.sh classpath /tmp/app > /tmp/app/classpath.txt
#   docker/start-cache.sh list /tmp/app /tmp/app/classpath.txt docker/start-classes.txt
# A stale list is not wrong, only slower: a class it does not name loads from its jar, and a name
# that no longer exists is skipped.
#
# All kinds need the same JVM and JAVA_TOOL_OPTIONS at run time as here; a mismatch is not fatal
# (the JVM says so on its first lines and starts without the cache).
# Env: JAVA (default: java on the PATH), TRAINING_PORT (18080), MAIN_CLASS.
set -eu
kind="${1:?usage: start-cache.sh libraries|full|none|list|classpath APP [CLASSPATH [LIST]]}"
app="$(cd "${2:?APP}" && pwd)"
java="${JAVA:-java}"
main="${MAIN_CLASS:-dev.wordvec.WordvecApplication}"
port="${TRAINING_PORT:-18080}"
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
# The JDK's jar tool, beside the java that runs (through the PATH's links).
jar_tool="$(dirname "$(readlink -f "$(command -v "$java")")")/jar"

if [ "$kind" = classpath ]; then
  (cd "$t" && "$jar_tool" xf "$app/wordvec.jar" META-INF/MANIFEST.MF)
  # A manifest folds its lines at 72 bytes, continuing them after one space.
  tr -d '\r' < "$t/META-INF/MANIFEST.MF" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' \
    | sed -n 's/^Class-Path: //p' | tr ' ' '\n' | sed '/^$/d'
  exit 0
fi
classpath="${3:?CLASSPATH}"

# The jars that exist: the image drops pytorch-native-cpu's (its natives are extracted instead).
libraries="$(while read -r jar; do if [ -f "$app/$jar" ]; then printf '%s\n' "$app/$jar"; fi; done < "$classpath" | paste -sd: -)"
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
common="-Dspring.aot.enabled=true"
if [ "${version%%.*}" -ge 25 ]; then
  # Java 25 warns when a library loads native code (JNA, libtorch) unless this is set; the archive
  # must be dumped with it too, or the JVM drops the archived module graph.
  common="$common --enable-native-access=ALL-UNNAMED"
else
  # Before Java 25, the optimising compiler held back while the service starts (thresholds 4 to 12
  # times the defaults): on two cores it otherwise takes a core from the start, about 0.4 s. Not
  # on Java 25, where with the AOT cache's profiles it halved the steady GET /vector rate
  # (docs/benchmarks.md).
  common="$common -XX:Tier4InvocationThreshold=60000 -XX:Tier4MinInvocationThreshold=6000"
  common="$common -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000"
fi

# The flags, then the class path: the libraries first, the application last.
write_args() {  # $@: the flags that use the cache
  # shellcheck disable=SC2086 # the flags are words
  printf '%s\n' $common "$@" -cp "$libraries:$app/wordvec.jar" > "$app/jvm.args"
  echo "Java $version, $kind: $app/jvm.args: $(grep -v '^-cp$' "$app/jvm.args" | grep -v '^/' | tr '\n' ' ')"
}

printf 'the 0.1 0.2 0.3\nof 0.2 -0.1 0.4\nand -0.3 0.1 0.2\nto 0.4 0.3 -0.1\n' > "$t/model.txt"
start() {  # $@: extra JVM flags. A real start, answering the probe, then stopped with SIGTERM.
  # shellcheck disable=SC2086 # the flags are words
  "$java" $common "$@" -cp "$libraries:$app/wordvec.jar" "$main" --server.port="$port" \
    --wordvec.models.training.path="$t/model.txt" --wordvec.cache-dir="$t/cache" > "$t/log" 2>&1 &
  pid=$!
  if ! "$java" -jar "$app/wordvec.jar" probe "http://127.0.0.1:$port" --wait 120 > "$t/probe" 2>&1; then
    cat "$t/probe"; tail -30 "$t/log"; kill "$pid" 2>/dev/null; exit 1
  fi
  kill "$pid"; wait "$pid" || true
}
mapped() {  # the recording start mapped the model's cache, as a production restart does
  grep -q 'mapped the converted copy' "$t/log" || { echo 'the recording start did not map the cache' >&2; exit 1; }
}

case "$kind" in
none)
  write_args
  ;;
libraries)
  list="${4:?LIST}"
  cache="$app/wordvec.jsa"
  # Before Java 25 the lambda lines' form differs: classes only there.
  if [ "${version%%.*}" -ge 25 ]; then cp "$list" "$t/list"; else grep -v '^@' "$list" > "$t/list"; fi
  # Java 25 links the classes ahead of time too, with the constant-pool entries the list names:
  # on two cores that made a start 0.8 to 1.9 s shorter, within 0.3 s of `full`'s AOT cache.
  link=""; if [ "${version%%.*}" -ge 25 ]; then link="-XX:+AOTClassLinking"; fi
  # A fixed heap, as the JDK's own build dumps its archive: the archived objects' layout then does
  # not depend on the building machine's memory.
  # shellcheck disable=SC2086 # the flags are words
  if ! "$java" $common $link -Xshare:dump -Xmx128m -Xms128m -XX:SharedClassListFile="$t/list" \
      -XX:SharedArchiveFile="$cache" -cp "$libraries" > "$t/dump" 2>&1; then
    tail -30 "$t/dump"; exit 1
  fi
  test -s "$cache" || { echo "no archive written to $cache" >&2; tail -30 "$t/dump"; exit 1; }
  named="$(grep -vc '^[#@]' "$t/list" || true)"
  skipped="$(grep -c 'Preload Warning\|Skipping' "$t/dump" || true)"
  echo "$cache: $(wc -c < "$cache") bytes; $named classes named, $skipped warnings (names not found or not archivable)"
  write_args -XX:SharedArchiveFile="$cache"
  ;;
full)
  if [ "${version%%.*}" -ge 25 ]; then
    cache="$app/wordvec.aot"; record="-XX:AOTCacheOutput=$cache"; use="-XX:AOTCache=$cache"
  else
    cache="$app/wordvec.jsa"; record="-XX:ArchiveClassesAtExit=$cache"; use="-XX:SharedArchiveFile=$cache"
  fi
  rm -f "$cache"
  start
  # shellcheck disable=SC2086
  start $record
  test -s "$cache" || { echo "no cache written to $cache" >&2; tail -30 "$t/log"; exit 1; }
  mapped
  write_args "$use"
  ;;
list)
  list="${4:?LIST}"
  start
  start -XX:DumpLoadedClassList="$t/loaded"
  mapped
  # The application's classes are left out: the image's archive is built without its jar.
  "$jar_tool" tf "$app/wordvec.jar" | sed -n 's/\.class$//p' | LC_ALL=C sort -u > "$t/own"
  {
    echo "# The JDK's and the libraries' classes a start of wordvec loads, for the image's class-data"
    echo "# archive. Written by docker/start-cache.sh list (Java $version); see that script."
    # Class lines ("name id: N"), without the application's; sorted, so that the list and the
    # archive do not depend on the order a start happened to load them in.
    grep -v '^[#@]' "$t/loaded" | grep -v ' source: ' | cut -d' ' -f1 | LC_ALL=C sort -u | LC_ALL=C comm -23 - "$t/own"
    # The JDK's method-handle forms; the lambdas the JDK and the libraries make, and the constant-pool
    # entries their classes resolved (what lets the dump link them ahead of time), not the
    # application's.
    grep '^@lambda-form-invoker ' "$t/loaded" | LC_ALL=C sort -u
    grep '^@lambda-proxy \|^@cp ' "$t/loaded" | LC_ALL=C sort -u | awk 'NR == FNR { own[$1] = 1; next } !($2 in own)' "$t/own" -
  } > "$list"
  echo "$list: $(grep -vc '^[#@]' "$list") classes, $(grep -c '^@' "$list") lambda and constant-pool lines"
  ;;
*)
  echo "unknown kind: $kind (libraries, full, none, list, classpath)" >&2; exit 2
  ;;
esac
