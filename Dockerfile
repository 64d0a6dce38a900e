# wordvec container image. Build the jar first, then the image:
#
#   ./mvnw -B -q package -DskipTests
#   docker build -t wordvec .
#
# The image carries a Java runtime linked for wordvec (jlink: the modules it uses, about 100 MB
# instead of a 250 MB JDK or a 190 MB JRE) on a plain glibc base; libtorch does not run on musl
# (Alpine). Both images are build arguments with public defaults, for registries that mirror them
# or machines that build their own (CI builds local/debian-jdk and local/debian-slim with
# debootstrap, see .ci/docker-engine):
# - JDK_IMAGE: any JDK 17 or later that jlink can link from (JDK 24+ without jmods works; for 17
#   to 23 the image needs them, as Temurin's have). The bytecode is Java 17; the default is Java 25
#   for its AOT cache (below). Java 17: --build-arg JDK_IMAGE=eclipse-temurin:17-jdk
# - BASE_IMAGE: the system the runtime goes on (glibc, libstdc++, bash for the health check).
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG BASE_IMAGE=debian:bookworm-slim
# The runtime's JVM flags (JAVA_TOOL_OPTIONS, explained in the last stage), here because the
# start-up archive is dumped with them too.
ARG JAVA_FLAGS="-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:MaxDirectMemorySize=1t -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Djna.boot.library.path=/opt/wordvec/jna -XX:InitialRAMPercentage=12.5 -XX:MaxNewSize=96m"
# The start-up cache (docker/start-cache.sh): libraries (a class-data archive of the JDK's and the
# libraries' classes, unchanged by a code change), full (an AOT cache recorded from this jar:
# about 0.3 s sooner to ready, 81 MB re-sent by every code change) or none.
ARG START_CACHE=libraries

FROM ${JDK_IMAGE} AS build
# strip (binutils) and zip, to take out of the image what the runtime never reads (below).
# Temurin's JDK images lack them; a build image that has them needs no network here.
RUN if ! command -v strip >/dev/null || ! command -v zip >/dev/null; then \
      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends binutils zip \
      && rm -rf /var/lib/apt/lists/*; fi
# The modules wordvec and its libraries use (jdeps --print-module-deps over the jars), plus DNS
# names, zip file systems and JMX over the network, which are used without a compile-time
# reference. The JDK's default class-data archive (29 MB) only for Java 17 to 24, where
# START_CACHE=full's archive is built on top of it; the other start-up caches (below) do not
# need it.
ARG JAVA_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,jdk.crypto.ec,jdk.incubator.vector,jdk.jfr,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.unsupported,jdk.zipfs
RUN version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" \
 && cds="" && if [ "${version%%.*}" -lt 25 ]; then cds="--generate-cds-archive"; fi \
 && jlink --add-modules "${JAVA_MODULES}" $cds --strip-java-debug-attributes --strip-native-debug-symbols=exclude-debuginfo-files \
      --no-man-pages --no-header-files --output /build/java
WORKDIR /build
# Spring Boot's jar (its libraries nested, so that they can go into layers of their own), under the
# name the steps below and the image use; target/wordvec.jar is the flat jar for `java -jar`.
COPY target/wordvec-layered.jar wordvec.jar
# One step, so that the build keeps one copy of what it extracts (about 0.9 GB of build cache less
# than a step each, as every step that changes a file keeps a copy of it):
# - Layers (src/main/layers/layers.xml), so that an image rebuilt after a code change re-sends the
#   application layer, not the libraries or the contextual model's files.
# - libtorch (431 MB) extracted once, at build time, into a directory the image carries read-only:
#   a container then starts without writing natives and runs with a read-only root filesystem.
#   The 111 MB jar it came from is then dropped: with PYTORCH_LIBRARY_PATH set (below), DJL loads
#   the extracted copy and never opens the jar (checked offline, with nothing written to its
#   cache). ONNX Runtime's and the tokenizer's natives (contextual models) are copied out of their
#   jars too: left alone they would extract themselves into /tmp, which containers mount noexec.
#   So is JNA's (jna.boot.library.path, in JAVA_FLAGS), through which wordvec sets glibc's mmap
#   threshold (dev.wordvec.memory.NativeHeap).
# - What the runtime never reads, taken out: the natives' symbol tables (strip keeps the dynamic
#   symbols they link by): 89 MB of libtorch; the natives of every platform inside the ONNX Runtime
#   and tokenizer jars (150 MB, most of it macOS and Windows debug files): the copies above are
#   loaded instead; the built-in model inside the application's jar: it goes into a layer of its
#   own (below), so a code change does not send its 18 MB again.
# - Times set to zero, so that the same jar gives the same layers.
RUN java -Djarmode=tools -jar wordvec.jar extract --layers --destination extracted \
 && ENGINE_CACHE_DIR=/build/engine java -jar wordvec.jar engine --contextual-natives /build/natives \
 && mv /build/engine/pytorch/*/ /build/libtorch && rm -r /build/engine extracted/dependencies/lib/pytorch-native-cpu-*.jar \
 && mkdir /build/natives/jna && (cd /build/natives/jna && jar xf /build/extracted/dependencies/lib/jna-*.jar \
      "com/sun/jna/linux-$(uname -m | sed s/_/-/)/libjnidispatch.so" && mv com/sun/jna/*/libjnidispatch.so . && rm -r com) \
 && strip --strip-unneeded /build/libtorch/*.so /build/natives/*/*.so \
 && zip -q -d extracted/dependencies/lib/onnxruntime-*.jar 'ai/onnxruntime/native/*' \
 && zip -q -d extracted/dependencies/lib/tokenizers-*.jar 'native/lib/*/*' \
 && mkdir /build/model && (cd /build/model && jar xf /build/extracted/application/wordvec.jar models/) \
 && zip -q -d extracted/application/wordvec.jar 'models/*' \
 && chmod -R a+rX /build/java /build/libtorch /build/natives /build/model \
 && find /build/java /build/libtorch /build/natives /build/model /build/extracted -exec touch -h -d @0 {} +
# The class path in the manifest's order (the libraries' jars), for the start-up cache.
COPY docker/start-cache.sh /build/start-cache.sh
RUN sh /build/start-cache.sh classpath /build/extracted/application > /build/classpath.txt \
 && touch -d @0 /build/classpath.txt

# The start-up archive of the libraries, in a stage of its own that sees only the runtime, the
# libraries' jars (at the paths the image has them) and the list of classes: Docker reuses it from
# its build cache until one of them changes, so a code change does not send it again.
FROM ${BASE_IMAGE} AS start-cache
ARG JAVA_FLAGS
ARG START_CACHE
ENV LANG=C.UTF-8
COPY --from=build /build/java /opt/java/openjdk
WORKDIR /app
COPY --from=build /build/extracted/contextual-models/ ./
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/classpath.txt /build/start-cache.sh ./
COPY docker/start-classes.txt ./
RUN kind=libraries && if [ "${START_CACHE}" != libraries ]; then kind=none; fi \
 && JAVA_TOOL_OPTIONS="${JAVA_FLAGS}" JAVA=/opt/java/openjdk/bin/java sh start-cache.sh "$kind" /app classpath.txt start-classes.txt \
 && mkdir /out && mv jvm.args classpath.txt start-classes.txt /out && if [ -f wordvec.jsa ]; then mv wordvec.jsa /out; fi \
 && touch -d @0 /out/*

FROM ${BASE_IMAGE}
ARG UID=10001
ARG JAVA_FLAGS
ARG START_CACHE
# OCI labels; a release build passes the version, the commit and where the source lives:
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) \
#     --build-arg SOURCE=https://git.example.com/wordvec -t wordvec .
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="wordvec" \
      org.opencontainers.image.description="Word vectors (GloVe, word2vec, fastText) over HTTP and the OpenAI embeddings API" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /build/java /opt/java/openjdk
# LANG: without a locale Java writes file names (and reads its arguments) in ASCII, so a model or a
# corpus at a path with other letters (/data/vecteurs-été.vec) could not be opened. C.UTF-8 is
# built into Debian's C library; no locale package is needed.
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    LANG=C.UTF-8
WORKDIR /app
# The built-in contextual model's files (all-MiniLM-L6-v2, float32 and int8: about 95 MB) first, in
# a layer of their own: they change only with their version.
COPY --from=build /build/extracted/contextual-models/ ./
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/model/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/libtorch /opt/wordvec/libtorch
COPY --from=build /build/natives /opt/wordvec
COPY --from=start-cache /out/ ./
COPY --from=build /build/extracted/application/ ./
# - WORDVEC_BUILTINMODEL: the built-in model's own layer (above), not the jar.
# - PYTORCH_LIBRARY_PATH, RUST_LIBRARY_PATH (the tokenizer) and ONNXRUNTIME_NATIVE_PATH: the natives
#   copied above, loaded where they are; DJL_OFFLINE: never try to download anything;
#   DJL_CACHE_DIR: anything else DJL would cache goes to /tmp (the user has no home directory).
# - The heap holds the vocabulary and requests (about 100 bytes per word plus buffers); the matrix
#   lives outside it (mapped or direct memory), so the heap gets a quarter of the container's
#   memory and direct memory is left to the container limit rather than to -Xmx.
# - MALLOC_ARENA_MAX: glibc's per-thread arenas otherwise keep hundreds of MB of freed request
#   buffers resident under load.
# - The serial collector: the heap is small (the matrix is not in it), so its pauses are short;
#   it starts faster than G1 (about 0.35 s to ready on two cores) and keeps no GC threads.
# - The heap starts at half its maximum (the JVM's default is 1/64 of the memory: 20 MB under a
#   1.3 GB limit, and eleven collections, one of them full, before the service is ready), with
#   the young generation capped at 96 MB so that a host without a limit does not get a young
#   generation of a gigabyte to fill before its first collection. Start-up under a 1.3 GB limit:
#   1 collection (47 ms) instead of 11 (138 ms); resident memory about 18 MB more.
# JDK_JAVA_OPTIONS adds to or overrides these flags (it is read after JAVA_TOOL_OPTIONS); to use
# another collector, set JAVA_TOOL_OPTIONS instead (two collectors on one command line conflict).
ENV PYTORCH_LIBRARY_PATH=/opt/wordvec/libtorch \
    RUST_LIBRARY_PATH=/opt/wordvec/tokenizers/libtokenizers.so \
    ONNXRUNTIME_NATIVE_PATH=/opt/wordvec/onnxruntime \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/tmp/djl \
    WORDVEC_CACHEDIR=/var/cache/wordvec \
    WORDVEC_BUILTINMODEL=/app/models/demo-57k-100d.vec.gz \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="${JAVA_FLAGS}"

# Start-up, which is mostly Spring loading classes and working out its beans, is cut two ways:
# - Spring AOT: the bean definitions were worked out when the jar was built (-Dspring.aot.enabled).
#   Settings that switch Spring's own auto-configuration on or off are therefore fixed at build
#   time; wordvec.* settings, server.*, logging.* and the rest are read at start as usual.
# - A cache of the classes a start loads (START_CACHE, docker/start-cache.sh). By default, the
#   archive from the stage above: the JDK's and the libraries' classes, parsed, so that a code
#   change does not send it again. With START_CACHE=full, an AOT cache (Java 25; a class-data
#   archive before) recorded here by a real start of this jar: also the application's classes and
#   its methods' profiles, about 0.3 s sooner to ready, re-sent (81 MB) with every code change.
#   The flags that use either are in /app/jvm.args, with the class path: the libraries first,
#   the application's jar last (an archive's class path may only be extended at its end).
# The bytecode is Java 17 either way; the default JDK is Java 25. Start-up figures for each:
# docker/README.md and docs/benchmarks.md.
COPY docker/start-cache.sh /app/start-cache.sh
RUN if [ "${START_CACHE}" = full ]; then sh /app/start-cache.sh full /app /app/classpath.txt; fi
# A health check that starts no JVM (bash's /dev/tcp asks /readyz); compose uses it.
COPY docker/healthcheck.sh /app/healthcheck

# The converted-model cache is the one place wordvec writes; mount a volume there to keep it
# across restarts. /models is where model files are expected to be mounted (read-only is fine).
RUN mkdir -p /var/cache/wordvec /models && chown ${UID}:0 /var/cache/wordvec && chmod g+rwX /var/cache/wordvec

USER ${UID}:0
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.args", "dev.wordvec.WordvecApplication"]
