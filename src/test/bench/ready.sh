# Shared by the scripts that time a start to readiness (start-from-text.sh, tuned-from-text.sh);
# sourced, not run. Needs curl.
#
# seconds_to_ready PORT PATH LOG COMMAND...: starts COMMAND (its output to LOG), waits for a 200 at
#   localhost:PORT PATH, stops it, and prints the seconds from the start to that answer (two
#   decimals). A COMMAND that exits before answering prints LOG's tail and ends the script.
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
  kill "$pid"; wait "$pid" || true
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
