#!/bin/bash
# The image's health check, without starting a JVM: compose runs it every few seconds inside the
# container's memory limit, where `java -jar wordvec.jar probe` would cost a second JVM. It asks
# /readyz on localhost through bash's /dev/tcp and exits 0 on HTTP 200, 1 otherwise (saying why).
#
#   healthcheck.sh [PORT [PATH]]     defaults: $SERVER_PORT or 8080, /readyz
set -u
port="${1:-${SERVER_PORT:-8080}}"
path="${2:-/readyz}"
if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  echo "nothing listens on port $port" >&2
  exit 1
fi
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
if ! IFS= read -r -t 5 status <&3; then
  echo "no answer from $path within 5 s" >&2
  exit 1
fi
status="${status%$'\r'}"
case "$status" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) echo "$path answered: $status" >&2; exit 1 ;;
esac
