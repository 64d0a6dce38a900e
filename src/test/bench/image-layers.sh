#!/usr/bin/env bash
# The image's layers, and which of them a code-only change sends again.
#
#   src/test/bench/image-layers.sh
#
# Builds the jar and the image from a copy of HEAD, then changes one string in the code (a thread's
# name), builds both again and compares the two images layer by layer (a layer whose digest is unchanged
# is not pushed or pulled again). Prints each layer's size, whether it changed and its largest
# file, then the totals: the whole image, the image without the contextual models' layer, and the
# changed layers. Needs docker, git and python3; takes about 4 minutes on two cores.
# Env: BASE_IMAGE / JDK_IMAGE (build arguments; on CI's engine, eval "$(.ci/docker-engine env)"
# sets WORDVEC_TEST_BASE_IMAGE / WORDVEC_TEST_JDK_IMAGE, used when these are unset),
# EXTRA_BUILD_ARGS (e.g. "--build-arg START_CACHE=full").
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
base="${BASE_IMAGE:-${WORDVEC_TEST_BASE_IMAGE:-}}"
jdk="${JDK_IMAGE:-${WORDVEC_TEST_JDK_IMAGE:-}}"
work="$(mktemp -d)"
cleanup() {
  [ ! -d "$work/src" ] || git -C "$repo" worktree remove --force "$work/src"
  rm -rf "$work"
  docker rmi -f wordvec-layers:a wordvec-layers:b >/dev/null 2>&1 || true
}
trap cleanup EXIT

git -C "$repo" worktree add -q --detach "$work/src" HEAD

build() {  # $1: tag
  (cd "$work/src" && ./mvnw -B -q -ntp package -DskipTests > "$work/mvn-$1.log" 2>&1) \
    || { tail -30 "$work/mvn-$1.log"; exit 1; }
  # shellcheck disable=SC2086 # EXTRA_BUILD_ARGS are words
  (cd "$work/src" && docker build -q ${base:+--build-arg BASE_IMAGE="$base"} ${jdk:+--build-arg JDK_IMAGE="$jdk"} \
    ${EXTRA_BUILD_ARGS:-} -t "wordvec-layers:$1" . > /dev/null 2> "$work/docker-$1.log") \
    || { tail -30 "$work/docker-$1.log"; exit 1; }
}

build a
# A code-only change: a string in a class, so the bytecode changes.
file="$work/src/src/main/java/dev/wordvec/models/ModelRegistry.java"
sed -i 's/"wordvec-model-reloads"/"wordvec-model-reloads "/' "$file"
grep -q '"wordvec-model-reloads "' "$file"
build b

# Both images saved, then compared layer by layer: each history step that made a layer, its size
# (the layer's tar) and whether image a had the same layer.
docker save wordvec-layers:a -o "$work/a.tar"
docker save wordvec-layers:b -o "$work/b.tar"
python3 - "$work/a.tar" "$work/b.tar" <<'PY'
import json, sys, tarfile

def layers(path):
    """Each layer: its diff id, its size, and its largest file (what the layer is for)."""
    with tarfile.open(path) as t:
        manifest = json.load(t.extractfile("manifest.json"))[0]
        config = json.load(t.extractfile(manifest["Config"]))
        result = []
        for diff, name in zip(config["rootfs"]["diff_ids"], manifest["Layers"]):
            with tarfile.open(fileobj=t.extractfile(name)) as layer:
                files = [m for m in layer.getmembers() if m.isfile()]
            largest = max(files, key=lambda m: m.size).name if files else "(no files)"
            result.append((diff, t.getmember(name).size, largest, len(files)))
        return result

before = {diff for diff, *_ in layers(sys.argv[1])}
total = changed = contextual = 0
print(f"{'MB':>8}  changed  files  largest file")
for diff, size, largest, count in layers(sys.argv[2]):
    new = diff not in before
    total += size
    changed += size if new else 0
    if "langchain4j-embeddings" in largest:  # the contextual models' layer (src/main/layers/layers.xml)
        contextual += size
    print(f"{size / 1e6:8.1f}  {'yes' if new else 'no':7}  {count:5}  {largest}")
print(f"layers total: {total / 1e6:.0f} MB; without the contextual models' layer: {(total - contextual) / 1e6:.0f} MB")
print(f"a code-only change sends again: {changed / 1e6:.1f} MB ({changed} bytes)")
PY
