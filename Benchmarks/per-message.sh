#!/usr/bin/env bash
# The cost of a message (issue 26, section 4): instructions per message under callgrind of mq and of
# the C client librabbitmq doing the same work, and the ratio mq / C, in one command.
#
#   bash Benchmarks/per-message.sh
#
# Each client runs under `valgrind --tool=callgrind` with N0 and then N messages of 100 bytes; the
# instructions per message are (Ir at N - Ir at N0) / (N - N0), so start-up does not count.
#   publish, no confirms:   mq publish --queue Q --lines --no-confirm    vs amqp-publish -r Q -l
#   publish, confirms:      mq publish --queue Q --lines (window 1000)   vs reference_publisher.c
#                                                                           (window 1000, mandatory)
#   consume:                mq consume Q --count N --format raw          vs reference_consumer.c
#                                                                           (prefetch 1000, ack 100)
# and mq over AMQP 1.0 (--protocol 1.0) publishing with outcomes and consuming, beside the same C
# clients over 0-9-1 (the same work: a message sent and its outcome awaited, or taken and settled).
# Callgrind counts user-space instructions only; STRACE=1 adds the system calls per message of each
# client (strace -c -f of the run with N messages, less the run with N0).
#
# Environment:
#   N, N0        messages in the two runs (default 20000 and 2000)
#   REPS         runs of each (client, size); the median is taken (default 1; consume moves by a
#                few per cent from run to run with how deliveries arrive in reads)
#   MQ_BIN       the mq binary to measure (default: `make release`, the binary make install ships)
#   MQ_BASE_BIN  a second mq binary measured beside it, say a release build of an older commit
#   STRACE=1     also count system calls per message
#   MQ_URL       broker (default: scripts/broker's node, started if it is not running)
#   QUEUE_PREFIX prefix of the queues it declares and deletes (default bench)
#   OUT          directory for the callgrind files and the summary (default: a new temp dir)
# Needs valgrind, amqp-tools, librabbitmq-dev and a C compiler (run.sh installs them as root).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
: "${N:=20000}" "${N0:=2000}" "${REPS:=1}" "${STRACE:=0}" "${MQ_BASE_BIN:=}" "${QUEUE_PREFIX:=bench}"

for tool in valgrind amqp-publish cc python3; do command -v "$tool" >/dev/null || die "missing $tool"; done
[ -e /usr/include/amqp.h ] || die "missing librabbitmq's headers (Debian package librabbitmq-dev)"
[ "$STRACE" = 0 ] || command -v strace >/dev/null || die "missing strace"

bench_setup mq-per-message
bench_references
python3 - "$WORK" "$N" "$N0" <<'EOF'
import sys
work, n, n0 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for name, count in (("large", n), ("small", n0)):
    with open(f"{work}/{name}.txt", "wb") as f:
        f.writelines(b"%08d %s\n" % (i, b"x" * 91) for i in range(count))
EOF

declare -A LIVE=()
cleanup() {
  local q
  for q in "${!LIVE[@]}"; do "$MQ" delete queue "$q" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
SEQ=0
fresh_queue() { SEQ=$((SEQ + 1)); Q="$QUEUE_PREFIX-$$-$SEQ"; LIVE[$Q]=1; "$MQ" declare queue "$Q" >/dev/null; }
drop_queue() { "$MQ" delete queue "$Q" >/dev/null; unset "LIVE[$Q]"; }
queue_count() { "$MQ" --json declare queue "$Q" --passive | sed -n 's/.*"messages":\([0-9]*\).*/\1/p'; }
expect_count() { # the broker may still be routing the last messages of a publisher without confirms
  local i got
  for i in $(seq 50); do
    got=$(queue_count)
    [ "$got" = "$1" ] && return 0
    sleep 0.1
  done
  die "queue $Q holds $got messages, expected $1"
}

# measure KIND LABEL N CMD... (the queue name is appended after CMD, then the words in AFTER);
# KIND publish reads the input file on stdin, consume drains a pre-filled queue. Appends
# "label n rep instructions syscalls" to $OUT/totals.tsv.
printf 'client\tn\trep\tinstructions\tsyscalls\n' >"$OUT/totals.tsv"
measure() {
  local kind=$1 label=$2 n=$3 in=/dev/null rep ir calls=
  shift 3
  [ "$kind" = consume ] || { [ "$n" = "$N" ] && in=$WORK/large.txt || in=$WORK/small.txt; }
  for rep in $(seq "$REPS"); do
    for tool in callgrind strace; do
      [ "$tool" = callgrind ] || [ "$STRACE" != 0 ] || continue
      fresh_queue
      if [ "$kind" = consume ]; then
        [ "$n" = "$N" ] && "$MQ" publish --queue "$Q" --lines <"$WORK/large.txt" >/dev/null
        [ "$n" = "$N" ] || "$MQ" publish --queue "$Q" --lines <"$WORK/small.txt" >/dev/null
      fi
      local out="$OUT/${label// /_}-$n-$rep"
      if [ "$tool" = callgrind ]; then
        valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$out.callgrind" "$@" "$Q" "${AFTER[@]}" \
          <"$in" >/dev/null 2>"$out.log" || { cat "$out.log" >&2; die "$label ($n) failed under callgrind"; }
        ir=$(sed -n 's/^summary: *//p' "$out.callgrind" | head -1)
      else
        strace -c -f -o "$out.strace" "$@" "$Q" "${AFTER[@]}" <"$in" >/dev/null || die "$label ($n) failed under strace"
        calls=$(awk '$NF == "total" {print $(NF - 2) + 0}' "$out.strace")
      fi
      [ "$kind" = consume ] && expect_count 0 || expect_count "$n"
      drop_queue
    done
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$rep" "$ir" "$calls" >>"$OUT/totals.tsv"
    printf '  %-34s %6s messages, run %s: %14s instructions %s\n' "$label" "$n" "$rep" "$ir" "${calls:+$calls system calls}" >&2
  done
}

run_all() { # n
  local n=$1 label bin
  for label in mq "mq (base)"; do
    bin=$MQ
    [ "$label" = mq ] || { [ -n "$MQB" ] || continue; bin=$MQB; }
    AFTER=(--lines --no-confirm); measure publish "$label publish --no-confirm" "$n" "$bin" publish --queue
    AFTER=(--lines); measure publish "$label publish, confirms" "$n" "$bin" publish --queue
    AFTER=(--count "$n" --format raw); measure consume "$label consume" "$n" "$bin" consume
  done
  AFTER=(--lines); measure publish "mq 1.0 publish, confirms" "$n" "$MQ" --protocol 1.0 publish --queue
  AFTER=(--count "$n" --format raw); measure consume "mq 1.0 consume" "$n" "$MQ" --protocol 1.0 consume
  AFTER=(-l); measure publish "amqp-publish -l" "$n" amqp-publish -u "$URL" -r
  AFTER=(1000 1); measure publish "reference_publisher" "$n" "$REFP" "$URL"
  AFTER=("$n" 1000 100); measure consume "reference_consumer" "$n" "$REFC" "$URL"
}
echo "callgrind: $N0 and $N messages of 100 bytes, $REPS run(s) each; files in $OUT" >&2
run_all "$N0"
run_all "$N"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); mq: $MQ_BIN${MQB:+; mq (base): $MQ_BASE_BIN}"
  echo "librabbitmq $(dpkg-query -W -f '${Version}' librabbitmq4 2>/dev/null || echo '?'); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
python3 - "$OUT/totals.tsv" "$N0" "$N" "$OUT/machine.txt" <<'EOF' | tee "$OUT/summary.txt"
import csv, statistics, sys
totals, n0, n1, machine = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
runs = {}
for r in csv.DictReader(open(totals), delimiter="\t"):
    runs.setdefault((r["client"], int(r["n"])), []).append(r)
def per_msg(client, field):
    if (client, n1) not in runs or not runs[(client, n1)][0][field]:
        return None
    at = lambda n: statistics.median(float(r[field]) for r in runs[(client, n)])
    return (at(n1) - at(n0)) / (n1 - n0)
print(open(machine).read().rstrip())
print(f"\nPer message: (run with {n1:,} messages - run with {n0:,}) / {n1 - n0:,}; ratio = mq / C, goal <= 1.5")
print(f"{'work':<22} {'client':<28} {'instr/msg':>10} {'C instr/msg':>12} {'ratio':>6}  {'syscalls/msg (mq, C)':>20}")
rows = [("publish, no confirms", "publish --no-confirm", "amqp-publish -l"),
        ("publish, confirms 1000", "publish, confirms", "reference_publisher"),
        ("consume", "consume", "reference_consumer")]
for work, verb, ref in rows:
    c, c_sys = per_msg(ref, "instructions"), per_msg(ref, "syscalls")
    for who in ("mq", "mq (base)", "mq 1.0"):
        m = per_msg(f"{who} {verb}", "instructions")
        if m is None:
            continue
        m_sys = per_msg(f"{who} {verb}", "syscalls")
        sys_text = f"{m_sys:.3f}, {c_sys:.3f}" if m_sys is not None else ""
        print(f"{work:<22} {who:<28} {m:>10,.0f} {c:>12,.0f} {m / c:>6.2f}  {sys_text:>20}")
EOF
