#!/usr/bin/env bash
# The image's layers, and which of them a code-only change sends again.
#
#   src/test/bench/image-layers.sh
#
# Builds the jar and the image from a copy of HEAD, then changes one log message in the code,
# builds both again and compares the two images layer by layer (a layer whose digest is unchanged
# is not pushed or pulled again). Prints each layer's size, whether it changed and the totals:
# the whole image, the image without the contextual models' layer, and the changed layers.
# Env: BASE_IMAGE / JDK_IMAGE (build arguments; on CI's engine, eval "$(.ci/docker-engine env)"
# sets WORDVEC_TEST_BASE_IMAGE / WORDVEC_TEST_JDK_IMAGE, used when these are unset),
# EXTRA_BUILD_ARGS (e.g. "--build-arg START_CACHE=false").
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
base="${BASE_IMAGE:-${WORDVEC_TEST_BASE_IMAGE:-}}"
jdk="${JDK_IMAGE:-${WORDVEC_TEST_JDK_IMAGE:-}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; docker rmi -f wordvec-layers:a wordvec-layers:b >/dev/null 2>&1 || true' EXIT

git -C "$repo" worktree add -q --detach "$work/src" HEAD
trap 'git -C "$repo" worktree remove --force "$work/src"; rm -rf "$work"; docker rmi -f wordvec-layers:a wordvec-layers:b >/dev/null 2>&1 || true' EXIT

build() {  # $1: tag
  (cd "$work/src" && ./mvnw -B -q -ntp package -DskipTests > "$work/mvn-$1.log" 2>&1) \
    || { tail -30 "$work/mvn-$1.log"; exit 1; }
  # shellcheck disable=SC2086 # EXTRA_BUILD_ARGS are words
  (cd "$work/src" && docker build -q ${base:+--build-arg BASE_IMAGE="$base"} ${jdk:+--build-arg JDK_IMAGE="$jdk"} \
    ${EXTRA_BUILD_ARGS:-} -t "wordvec-layers:$1" . > /dev/null)
}

build a
# A code-only change: one log message of the start-up.
file="$work/src/src/main/java/dev/wordvec/models/ModelRegistry.java"
grep -q 'Sorted by name' "$file"
sed -i 's/Sorted by name: configuration/Sorted by name (a code change for image-layers.sh): configuration/' "$file"
# Make it a change of the bytecode, not only of a comment.
sed -i 's/"wordvec-model-reloads"/"wordvec-model-reloads "/' "$file"
grep -q '"wordvec-model-reloads "' "$file"
build b

layers() { docker image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "$1" | sed '/^$/d'; }
# docker history lists the steps newest first, with a size for each (0 B steps make no layer).
sizes() { docker history --no-trunc --format '{{.Size}}|{{.CreatedBy}}' "$1" | tac | awk -F'|' '$1 != "0B"'; }
mapfile -t a < <(layers wordvec-layers:a)
mapfile -t b < <(layers wordvec-layers:b)
mapfile -t steps < <(sizes wordvec-layers:b)
bytes() { docker image inspect --format '{{.Size}}' "$1"; }
echo "image: $(( $(bytes wordvec-layers:b) / 1000000 )) MB (docker image inspect .Size)"
printf '%-9s %-8s %s\n' size changed step
for i in "${!b[@]}"; do
  step="${steps[$i]:-?}"
  changed=no; [ "${a[$i]:-}" = "${b[$i]}" ] || changed=yes
  printf '%-9s %-8s %s\n' "${step%%|*}" "$changed" "$(echo "${step#*|}" | sed 's/^.*#(nop) *//' | cut -c1-90)"
done
# Totals in bytes, from the layers' tar sizes (docker save), so that they add up exactly.
docker save wordvec-layers:b -o "$work/b.tar"
mkdir "$work/b" && tar -C "$work/b" -xf "$work/b.tar"
total=0; changed=0; contextual=0
for i in "${!b[@]}"; do
  digest="${b[$i]#sha256:}"
  blob="$work/b/blobs/sha256/$digest"
  size=$(stat -c %s "$blob")
  total=$((total + size))
  [ "${a[$i]:-}" = "${b[$i]}" ] || changed=$((changed + size))
  if tar -tf "$blob" 2>/dev/null | grep -q 'langchain4j-embeddings'; then contextual=$((contextual + size)); fi
done
echo "layers total: $((total / 1000000)) MB; without the contextual models' layer: $(((total - contextual) / 1000000)) MB"
echo "a code-only change sends again: $((changed / 1000000)) MB ($changed bytes)"
