# Shared by the scripts that time wordvec's `convert` of a model file against gensim's load of it
# (gensim-format.sh, fasttext-bin.sh); sourced, not run. It moves to the repository's root, builds
# the jar if missing, and sets: py (PYTHON, default /usr/bin/python3 with Debian's python3-gensim),
# rounds (ROUNDS, default 3), data (BENCH_DATA, default ../bench-data, created), out (a temporary
# directory removed on exit) and run LABEL COMMAND..., which prints COMMAND's wall seconds and
# peak resident memory from GNU time.
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
py="${PYTHON:-/usr/bin/python3}"; rounds="${ROUNDS:-3}"
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
run() {  # label command...
  /usr/bin/time -o "$out/time" -f "%e %M" "${@:2}" > /dev/null 2>&1
  local t; t=$(cat "$out/time")
  printf '%-34s %6s s %7s MiB\n' "$1" "$(echo "$t" | cut -d' ' -f1)" "$(( $(echo "$t" | cut -d' ' -f2) / 1024 ))"
}
