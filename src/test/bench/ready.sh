# Shared by the scripts that time a start to readiness (start-from-text.sh, tuned-from-text.sh);
# sourced, not run. Needs curl.
#
# seconds_to_ready PORT PATH LOG COMMAND...: starts COMMAND (its output to LOG), waits for a 200 at
#   localhost:PORT PATH, stops it, and prints the seconds from the start to that answer (two
#   decimals). A COMMAND that exits before answering prints LOG's tail and ends the script.
#   It also writes what the process had spent by then to LOG.cost: minor page faults, then user and
#   system CPU seconds (from /proc/PID/stat), then resident MiB.
# median: the median of the numbers on standard input, one a line.
seconds_to_ready() {
  local port="$1" path="$2" log="$3" t0 t1 pid; shift 3
  t0=$(date +%s.%N)
  "$@" > "$log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port$path" > /dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; exit 1; }
    sleep 0.03
  done
  t1=$(date +%s.%N)
  # /proc/PID/stat after the command's name (which may hold spaces): fields 10, 14 and 15 of stat(5)
  # are the 8th, 12th and 13th after it.
  sed 's/^.*) //' "/proc/$pid/stat" | awk -v hz="$(getconf CLK_TCK)" -v rss="$(awk '/VmRSS/ { print $2 }' \
    "/proc/$pid/status")" '{ printf "%d %.2f %.2f %d\n", $8, $12 / hz, $13 / hz, rss / 1024 }' > "$log.cost"
  kill "$pid"; wait "$pid" || true
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
