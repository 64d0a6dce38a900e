# wordvec container image. Build the jar first, then the image:
#
#   mvn -B -q package -DskipTests
#   docker build -t wordvec .
#
# Both base images are build arguments with public defaults, for registries that mirror them or
# machines that build their own (CI builds local/debian-jre:17 with debootstrap, see
# .ci/docker-engine). The runtime needs glibc: libtorch does not run on musl (Alpine).
ARG BASE_IMAGE=eclipse-temurin:17-jre
ARG BUILD_IMAGE=${BASE_IMAGE}

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY target/wordvec.jar wordvec.jar
# Layers, so that an image rebuilt after a code change re-sends 19 MB, not the 150 MB of libraries.
RUN java -Djarmode=tools -jar wordvec.jar extract --layers --destination extracted
# Extract libtorch (431 MB) once, at build time, into a directory the image carries read-only:
# a container then starts without writing natives and runs with a read-only root filesystem.
RUN ENGINE_CACHE_DIR=/build/engine java -jar wordvec.jar engine && chmod -R a+rX /build/engine

FROM ${BASE_IMAGE}
ARG UID=10001
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/engine /opt/wordvec/engine
COPY --from=build /build/extracted/application/ ./
# - ENGINE_CACHE_DIR: the natives extracted above; DJL_OFFLINE: never try to download anything;
#   DJL_CACHE_DIR: anything else DJL would cache goes to /tmp (the user has no home directory).
# - The heap holds the vocabulary and requests (about 100 bytes per word plus buffers); the matrix
#   lives outside it (mapped or direct memory), so the heap gets a quarter of the container's
#   memory and direct memory is left to the container limit rather than to -Xmx.
# - MALLOC_ARENA_MAX: glibc's per-thread arenas otherwise keep hundreds of MB of freed request
#   buffers resident under load.
# - The serial collector: the heap is small (the matrix is not in it), so its pauses are short;
#   it starts faster than G1 (about 0.35 s to ready on two cores) and keeps no GC threads.
# JDK_JAVA_OPTIONS adds to or overrides these flags (it is read after JAVA_TOOL_OPTIONS); to use
# another collector, set JAVA_TOOL_OPTIONS instead (two collectors on one command line conflict).
ENV ENGINE_CACHE_DIR=/opt/wordvec/engine \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/tmp/djl \
    WORDVEC_CACHEDIR=/var/cache/wordvec \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:MaxDirectMemorySize=1t -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

# Start-up, which is mostly Spring loading classes and working out its beans, is cut two ways:
# - Spring AOT: the bean definitions were worked out when the jar was built (-Dspring.aot.enabled).
#   Settings that switch Spring's own auto-configuration on or off are therefore fixed at build
#   time; wordvec.* settings, server.*, logging.* and the rest are read at start as usual.
# - A class-data-sharing archive of the classes start-up loads, recorded by a run that stops once
#   the application context is built: the JVM maps them instead of loading and verifying each.
# On two cores, from the converted cache of a 400,000 x 300 model: 7.6 s to ready without either,
# 4.9 s with CDS, 3.9 s with both (docs/benchmarks.md).
RUN java -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit=/app/wordvec.jsa -Dspring.context.exit=onRefresh -jar /app/wordvec.jar \
      --wordvec.cache=false --server.port=0 > /tmp/cds-training.log 2>&1 \
    || { tail -20 /tmp/cds-training.log; exit 1; }; rm -f /tmp/cds-training.log

# The converted-model cache is the one place wordvec writes; mount a volume there to keep it
# across restarts. /models is where model files are expected to be mounted (read-only is fine).
RUN mkdir -p /var/cache/wordvec /models && chown ${UID}:0 /var/cache/wordvec && chmod g+rwX /var/cache/wordvec

USER ${UID}:0
EXPOSE 8080
ENTRYPOINT ["java", "-Dspring.aot.enabled=true", "-XX:SharedArchiveFile=/app/wordvec.jsa", "-jar", "/app/wordvec.jar"]
