#!/usr/bin/env bash
# AMQP 1.0 beside AMQP 0-9-1 (issue 30), in one run against RabbitMQ 4.0 (scripts/broker with
# MQ_BROKER_VERSION=4.0, or MQ_URL): N (100,000) messages of 100 B published with every outcome
# or confirm awaited, then N consumed with every message settled, by mq over 1.0, by mq over
# 0-9-1, and by python-qpid-proton over 1.0 (scripts/proton-client.py send and receive, Proton's
# C engine), ROUNDS (3) times in turn, so the machine's noise falls on all three alike. Prints
# each time and the medians' ratios to mq over 1.0.
#
#   Benchmarks/amqp10.sh            N=20000 ROUNDS=5 Benchmarks/amqp10.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N=${N:-100000}
ROUNDS=${ROUNDS:-3}
if [ -z "${MQ_URL:-}" ]; then
  MQ_BROKER_VERSION=4.0 scripts/broker status >/dev/null 2>&1 || MQ_BROKER_VERSION=4.0 scripts/broker start
  MQ_URL=$(MQ_BROKER_VERSION=4.0 scripts/broker url)
fi
bench_setup amqp10
trap 'rm -rf "$WORK"' EXIT
PYTHON=$(scripts/amqp10-peer python) || die "python-qpid-proton is not installed (scripts/amqp10-peer install)"
QUEUE=mq-bench-amqp10
"$MQ" declare queue "$QUEUE" >/dev/null
awk -v n="$N" 'BEGIN { line = sprintf("%099d", 0); for (i = 0; i < n; i++) print line }' > "$WORK/lines"

# Seconds a command takes, its output kept in OUT.
seconds() { # label command...
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "$@" > "$OUT/$label.out" 2>&1 || die "$label failed: $(tail -1 "$OUT/$label.out")"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

for round in $(seq "$ROUNDS"); do
  a=$(seconds "mq-1.0-$round" "$MQ" --protocol 1.0 publish --queue "$QUEUE" --lines < "$WORK/lines")
  b=$(seconds "mq-0-9-1-$round" "$MQ" publish --queue "$QUEUE" --lines < "$WORK/lines")
  c=$(seconds "proton-$round" "$PYTHON" scripts/proton-client.py send "$URL" "/queues/$QUEUE" --count "$N" \
    --size 100 --timeout 300)
  printf '%s %s %s\n' "$a" "$b" "$c" >> "$OUT/published"
  # The queue holds 3 N: each consumes N of them into a file (settled once written).
  d=$(seconds "mq-1.0-consume-$round" "$MQ" --protocol 1.0 consume "$QUEUE" --count "$N")
  e=$(seconds "mq-0-9-1-consume-$round" "$MQ" consume "$QUEUE" --count "$N")
  f=$(seconds "proton-consume-$round" "$PYTHON" scripts/proton-client.py receive "$URL" "/queues/$QUEUE" \
    --count "$N" --credit 1000 --quiet --timeout 300)
  printf '%s %s %s\n' "$d" "$e" "$f" >> "$OUT/consumed"
  "$MQ" purge "$QUEUE" >/dev/null
done
"$MQ" delete queue "$QUEUE" >/dev/null

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The medians of a times file, with their ratios to mq over 1.0's.
medians() { # file
  local m1 m2 m3
  m1=$(cut -d' ' -f1 "$1" | median)
  m2=$(cut -d' ' -f2 "$1" | median)
  m3=$(cut -d' ' -f3 "$1" | median)
  printf 'medians: mq over 1.0 %.2f s; mq over 0-9-1 %.2f s (%.2fx); python-qpid-proton %.2f s (%.2fx)\n' \
    "$m1" "$m2" "$(echo "$m2 / $m1" | bc -l)" "$m3" "$(echo "$m3 / $m1" | bc -l)"
}
{
  echo "$N x 100 B published, outcomes/confirms awaited, $ROUNDS rounds (seconds: mq 1.0, mq 0-9-1, proton):"
  cat "$OUT/published"
  medians "$OUT/published"
  echo "$N x 100 B consumed, each settled, $ROUNDS rounds (seconds: mq 1.0, mq 0-9-1, proton):"
  cat "$OUT/consumed"
  medians "$OUT/consumed"
} | tee "$OUT/summary"
