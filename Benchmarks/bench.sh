#!/usr/bin/env bash
# mq bench (issue 28): the figures it must reach, in one run against the test broker.
# See Benchmarks/README.md, "mq bench (issue 28)", for what each part measures and the goals.
#
#   bash Benchmarks/bench.sh            everything, about 4 minutes
#   PARTS="throughput latency" bash Benchmarks/bench.sh
#
# Parts (PARTS, default "throughput memory latency perftest"):
#   throughput  one mq bench producer and consumer at full speed, and at the same time the C
#               reference pair on librabbitmq (reference_publisher and reference_consumer) on a
#               queue of its own, with the same settings: 100-byte bodies, confirm window 1000,
#               prefetch 1000, an ack (multiple) every 100 messages. Each pair's msg/s over the
#               same DURATION-second window after WARMUP seconds; RUNS runs.
#   memory      mq bench --producers 100 --consumers 100 --rate MEM_RATE/s for MEM_DURATION
#               seconds: peak RSS (/usr/bin/time -f %M), and VmRSS/VmHWM every 5 s.
#   latency     mq bench --queue Q --rate LAT_RATE/s on a queue Q that bench_latency_reader.py
#               (pika) consumes too; each gets a share of the messages and computes its p50.
#   perftest    bench_perftest_producer.py (pika) publishes PT_COUNT messages at PT_RATE/s in
#               PerfTest's layout with milliseconds to a fanout exchange bound to two queues:
#               `mq bench --producers 0 --use-millis` consumes one, bench_latency_reader.py
#               --use-millis --trailer (which also reads the producer's exact send time) the other.
# Environment:
#   RUNS (5), DURATION (10), WARMUP (2), SIZE (100), WINDOW (1000), PREFETCH (1000),
#   MULTI_ACK (100), REF_LINES (1000000: lines the C publisher can read, more than it sends),
#   MEM_CLIENTS (100), MEM_RATE (50), MEM_DURATION (60), LAT_RATE (200), LAT_DURATION (20),
#   PT_RATE (200), PT_COUNT (4000), SETTLE (1: seconds between runs)
#   MQ_URL      broker (default: scripts/broker's node, started if it is not running)
#   MQ_BIN      the mq binary to measure (default: `make release`, the binary make install ships)
#   OUT         directory for the raw output and summary.txt (default: a new temp dir)
# Needs cc, librabbitmq-dev, /usr/bin/time and pika. Not part of the test suite: it measures and
# prints, the summary says whether each goal was met.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
: "${RUNS:=5}" "${DURATION:=10}" "${WARMUP:=2}" "${SIZE:=100}" "${WINDOW:=1000}" "${PREFETCH:=1000}"
: "${MULTI_ACK:=100}" "${REF_LINES:=1000000}" "${MEM_CLIENTS:=100}" "${MEM_RATE:=50}" "${MEM_DURATION:=60}"
: "${LAT_RATE:=200}" "${LAT_DURATION:=20}" "${PT_RATE:=200}" "${PT_COUNT:=4000}" "${SETTLE:=1}"
: "${PARTS:=throughput memory latency perftest}"

wants() { [[ " $PARTS " == *" $1 "* ]]; }
for tool in cc /usr/bin/time python3; do command -v "$tool" >/dev/null || die "missing $tool"; done
[ -e /usr/include/amqp.h ] || die "missing librabbitmq-dev (apt-get install librabbitmq-dev)"
python3 -c 'import pika' 2>/dev/null || die "pika is missing: python3 -m pip install pika"

bench_setup mq-bench-figures
bench_references
READER=$BENCH/bench_latency_reader.py
PRODUCER=$BENCH/bench_perftest_producer.py

# Queues and exchanges the script declares are deleted at the end, whatever happened; so are the
# processes it started in the background.
declare -A LIVE=() LIVE_X=() PIDS=()
cleanup() {
  local name pid
  for pid in "${!PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for name in "${!LIVE[@]}"; do "$MQ" delete queue "$name" >/dev/null 2>&1 || true; done
  for name in "${!LIVE_X[@]}"; do "$MQ" delete exchange "$name" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
SEQ=0
fresh_queue() { # prefix -> sets Q
  SEQ=$((SEQ + 1))
  Q="bench-figures-$$-$1-$SEQ"
  LIVE[$Q]=1
  "$MQ" declare queue "$Q" >/dev/null
}
drop_queue() { "$MQ" delete queue "$1" >/dev/null 2>&1 || true; unset "LIVE[$1]"; }
started() { PIDS[$1]=1; }
finished() { wait "$1" || true; unset "PIDS[$1]"; }
wait_consumers() { # queue count: until the queue has that many consumers (10 s at most)
  local _
  for _ in $(seq 100); do
    [ "$("$MQ" --json declare queue "$1" --passive | sed -n 's/.*"consumers":\([0-9]*\).*/\1/p')" -ge "$2" ] && return 0
    sleep 0.1
  done
  die "queue $1 has no consumer"
}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
T_START=$(date -u '+%Y-%m-%d %H:%M UTC')

# ---------------------------------------------------------------------------------------------
if wants throughput; then
  say "throughput: mq bench beside the C reference pair, $RUNS runs, ${DURATION} s windows after ${WARMUP} s"
  # The C publisher's input: REF_LINES lines of SIZE bytes (it drops the newline).
  python3 - "$WORK/lines.txt" "$REF_LINES" "$SIZE" <<'EOF'
import sys
path, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
line = b"x" * size + b"\n"
with open(path, "wb") as f:
    for _ in range(count // 10000):
        f.write(line * 10000)
    f.write(line * (count % 10000))
EOF
  printf 'run\tclient\twindow_s\tpublished\tconsumed\tcpu_s\n' >"$OUT/throughput.tsv"
  # fd_pos PID FD: the file offset of a process's descriptor (how far the C publisher has read).
  fd_pos() { sed -n 's/^pos:[[:space:]]*//p' "/proc/$1/fdinfo/$2" 2>/dev/null || echo 0; }
  # cpu_ticks PID...: user+system CPU of the processes so far, in clock ticks.
  cpu_ticks() { local pid sum=0; for pid; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo $sum; }
  TICK=$(getconf CLK_TCK)
  for r in $(seq "$RUNS"); do
    fresh_queue tp
    CQ=$Q
    sleep "$SETTLE"
    printf '%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/throughput-$r.load"
    # The consumers first (each pair's consumer subscribes before its publisher starts).
    "$REFC" "$URL" "$CQ" 2000000000 "$PREFETCH" "$MULTI_ACK" >"$WORK/c.out" 2>"$OUT/throughput-$r-c-consumer.err" &
    CPID=$!
    started $CPID
    wait_consumers "$CQ" 1
    "$MQ" bench --size "$SIZE" --confirm-window "$WINDOW" --prefetch "$PREFETCH" --multi-ack "$MULTI_ACK" \
      --duration "$((WARMUP + DURATION + 1))s" --json >"$OUT/throughput-$r-mq.ndjson" 2>"$OUT/throughput-$r-mq.err" &
    MPID=$!
    started $MPID
    # mandatory 0: mq bench does not set it either.
    "$REFP" "$URL" "$CQ" "$WINDOW" 0 <"$WORK/lines.txt" 2>"$OUT/throughput-$r-c-publisher.err" &
    PPID_C=$!
    started $PPID_C
    sleep "$WARMUP"
    p0=$(fd_pos $PPID_C 0) c0=$(stat -c %s "$WORK/c.out") t0=$EPOCHREALTIME
    mcpu0=$(cpu_ticks $MPID) ccpu0=$(cpu_ticks $PPID_C $CPID)
    sleep "$DURATION"
    p1=$(fd_pos $PPID_C 0) c1=$(stat -c %s "$WORK/c.out") t1=$EPOCHREALTIME
    mcpu1=$(cpu_ticks $MPID) ccpu1=$(cpu_ticks $PPID_C $CPID)
    kill -0 $PPID_C 2>/dev/null || die "the C publisher ended before the window did: raise REF_LINES"
    kill $PPID_C $CPID 2>/dev/null || true
    finished $PPID_C
    finished $CPID
    finished $MPID
    drop_queue "$CQ"
    window=$(python3 -c "print(${t1/,/.} - ${t0/,/.})")
    printf '%s\tC reference\t%s\t%s\t%s\t%s\n' "$r" "$window" $(((p1 - p0) / (SIZE + 1))) $(((c1 - c0) / SIZE)) \
      "$(python3 -c "print(($ccpu1 - $ccpu0) / $TICK)")" >>"$OUT/throughput.tsv"
    MQ_CPU=$(python3 -c "print(($mcpu1 - $mcpu0) / $TICK)")
    # mq bench's own window: its interval lines from WARMUP s to WARMUP+DURATION s into its run.
    python3 - "$OUT/throughput-$r-mq.ndjson" "$WARMUP" "$DURATION" "$r" "$MQ_CPU" >>"$OUT/throughput.tsv" <<'EOF'
import json, sys
path, warm, dur, run, cpu = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
lines = [json.loads(l) for l in open(path) if l.strip()]
intervals = [l for l in lines if "elapsed_s" in l]
pub = con = seconds = 0.0
last = 0.0
for i in intervals:
    length = i["elapsed_s"] - last
    if warm + 0.5 < i["elapsed_s"] <= warm + dur + 0.5:
        pub += i["published_per_s"] * length
        con += i["consumed_per_s"] * length
        seconds += length
    last = i["elapsed_s"]
print(f"{run}\tmq bench\t{seconds:.3f}\t{round(pub)}\t{round(con)}\t{cpu}")
EOF
    tail -2 "$OUT/throughput.tsv" | awk -F'\t' '{printf "  run %s %-12s %8.0f msg/s published, %8.0f msg/s consumed, CPU %3.0f%%\n", $1, $2, $4 / $3, $5 / $3, 100 * $6 / $3}' >&2
  done
fi

# ---------------------------------------------------------------------------------------------
if wants memory; then
  say "memory: mq bench --producers $MEM_CLIENTS --consumers $MEM_CLIENTS --rate $MEM_RATE/s for $MEM_DURATION s"
  sleep "$SETTLE"
  cut -d' ' -f1-3 /proc/loadavg >"$OUT/memory.load"
  /usr/bin/time -f %M -o "$OUT/memory.maxrss" "$MQ" bench --producers "$MEM_CLIENTS" --consumers "$MEM_CLIENTS" \
    --rate "$MEM_RATE/s" --size "$SIZE" --duration "${MEM_DURATION}s" --json >"$OUT/memory-mq.ndjson" 2>"$OUT/memory-mq.err" &
  TPID=$!
  started $TPID
  printf 'elapsed_s\tvmrss_kb\tvmhwm_kb\tthreads\n' >"$OUT/memory.tsv"
  t0=$EPOCHREALTIME
  sleep 1
  while kill -0 $TPID 2>/dev/null; do
    child=$(cut -d' ' -f1 "/proc/$TPID/task/$TPID/children" 2>/dev/null) || true
    if [ -n "$child" ] && [ -r "/proc/$child/status" ]; then
      awk -v t="$(python3 -c "print(round(${EPOCHREALTIME/,/.} - ${t0/,/.}))")" \
        '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} /^Threads/ {n = $2} END {if (r) printf "%s\t%s\t%s\t%s\n", t, r, h, n}' \
        "/proc/$child/status" >>"$OUT/memory.tsv" 2>/dev/null || true
    fi
    sleep 5
  done
  finished $TPID
  awk -F'\t' 'NR > 1 {printf "  %3s s: VmRSS %6.1f MiB, VmHWM %6.1f MiB, %s threads\n", $1, $2 / 1024, $3 / 1024, $4}' "$OUT/memory.tsv" >&2
fi

# ---------------------------------------------------------------------------------------------
if wants latency; then
  say "latency: mq bench --rate $LAT_RATE/s on a queue bench_latency_reader.py consumes too, $LAT_DURATION s"
  fresh_queue lat
  LQ=$Q
  sleep "$SETTLE"
  cut -d' ' -f1-3 /proc/loadavg >"$OUT/latency.load"
  python3 "$READER" "$URL" "$LQ" --prefetch "$PREFETCH" --idle 2 --seconds "$((LAT_DURATION + 30))" \
    >"$OUT/latency-reader.json" 2>"$OUT/latency-reader.err" &
  RPID=$!
  started $RPID
  wait_consumers "$LQ" 1
  "$MQ" bench --queue "$LQ" --rate "$LAT_RATE/s" --size "$SIZE" --prefetch "$PREFETCH" --duration "${LAT_DURATION}s" \
    --json >"$OUT/latency-mq.ndjson" 2>"$OUT/latency-mq.err" || die "mq bench failed (latency), see $OUT/latency-mq.err"
  finished $RPID
  drop_queue "$LQ"
fi

# ---------------------------------------------------------------------------------------------
if wants perftest; then
  say "perftest: $PT_COUNT messages at $PT_RATE/s from bench_perftest_producer.py (milliseconds), read by mq bench --use-millis"
  X="bench-figures-$$-x"
  LIVE_X[$X]=1
  "$MQ" declare exchange "$X" --type fanout --no-durable >/dev/null
  fresh_queue pt-mq
  PQ_MQ=$Q
  fresh_queue pt-reader
  PQ_READER=$Q
  "$MQ" bind queue "$PQ_MQ" --exchange "$X" >/dev/null
  "$MQ" bind queue "$PQ_READER" --exchange "$X" >/dev/null
  sleep "$SETTLE"
  cut -d' ' -f1-3 /proc/loadavg >"$OUT/perftest.load"
  PT_SECONDS=$(((PT_COUNT + PT_RATE - 1) / PT_RATE))
  "$MQ" bench --queue "$PQ_MQ" --producers 0 --use-millis --prefetch "$PREFETCH" --duration "$((PT_SECONDS + 5))s" \
    --json >"$OUT/perftest-mq.ndjson" 2>"$OUT/perftest-mq.err" &
  MPID=$!
  started $MPID
  python3 "$READER" "$URL" "$PQ_READER" --use-millis --trailer --prefetch "$PREFETCH" --idle 2 \
    --seconds "$((PT_SECONDS + 30))" >"$OUT/perftest-reader.json" 2>"$OUT/perftest-reader.err" &
  RPID=$!
  started $RPID
  wait_consumers "$PQ_MQ" 1
  wait_consumers "$PQ_READER" 1
  python3 "$PRODUCER" "$URL" "$X" "" --count "$PT_COUNT" --rate "$PT_RATE" --size "$SIZE" \
    >"$OUT/perftest-producer.json" 2>"$OUT/perftest-producer.err" || die "the Python producer failed, see $OUT/perftest-producer.err"
  finished $RPID
  wait $MPID || die "mq bench failed (perftest), see $OUT/perftest-mq.err"
  unset "PIDS[$MPID]"
  drop_queue "$PQ_MQ"
  drop_queue "$PQ_READER"
  "$MQ" delete exchange "$X" >/dev/null 2>&1 || true
  unset "LIVE_X[$X]"
fi

# ---------------------------------------------------------------------------------------------
{
  echo "date: $T_START; mq: $MQ_BIN ($("$MQ" --version 2>/dev/null | head -1))"
  echo "broker: $URL; librabbitmq $(dpkg-query -W -f '${Version}' librabbitmq4 2>/dev/null || echo '?'); pika $(python3 -c 'import pika; print(pika.__version__)')"
  echo "$(nproc) CPUs; load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
python3 - "$OUT" "$PARTS" "$SIZE" "$WINDOW" "$PREFETCH" "$MULTI_ACK" "$MEM_CLIENTS" "$MEM_RATE" "$MEM_DURATION" "$LAT_RATE" "$PT_RATE" "$PT_COUNT" <<'EOF' | tee "$OUT/summary.txt"
import csv, json, os, statistics, sys
out, parts = sys.argv[1], sys.argv[2].split()
size, window, prefetch, multi_ack, mem_clients, mem_rate, mem_duration, lat_rate, pt_rate, pt_count = sys.argv[3:13]

def summary(path):
    lines = [json.loads(l) for l in open(path) if l.strip()]
    return lines[-1] if lines and "elapsed_s" not in lines[-1] else None

def load(name):
    path = f"{out}/{name}.load"
    return open(path).read().strip() if os.path.exists(path) else "?"

def met(ok):
    return "MET" if ok else "MISSED"

print(open(f"{out}/machine.txt").read().rstrip())

if "throughput" in parts:
    rows = list(csv.DictReader(open(f"{out}/throughput.tsv"), delimiter="\t"))
    print(f"\n1. Throughput, both pairs at the same time on their own queues ({size}-byte bodies, confirm window {window},"
          f" prefetch {prefetch}, an ack every {multi_ack}); msg/s over the same window")
    print(f"{'run':>3} {'load':>16}  {'mq pub/s':>9} {'mq con/s':>9} {'mq CPU':>7}  {'C pub/s':>9} {'C con/s':>9} {'C CPU':>7}  {'ratio con':>9} {'ratio pub':>9}")
    ratios = []
    for run in sorted({r["run"] for r in rows}, key=int):
        m = next(r for r in rows if r["run"] == run and r["client"] == "mq bench")
        c = next(r for r in rows if r["run"] == run and r["client"] == "C reference")
        rate = lambda r, f: float(r[f]) / float(r["window_s"])
        mc, cc, mp, cp = rate(m, "consumed"), rate(c, "consumed"), rate(m, "published"), rate(c, "published")
        ratios.append(mc / cc)
        cpu = lambda r: f"{100 * float(r['cpu_s']) / float(r['window_s']):.0f}%"
        print(f"{run:>3} {load('throughput-' + run):>16}  {mp:>9.0f} {mc:>9.0f} {cpu(m):>7}  {cp:>9.0f} {cc:>9.0f} {cpu(c):>7}"
              f"  {mc / cc:>9.2f} {mp / cp:>9.2f}")
    print(f"goal: mq bench consumed/s >= the C pair's: median ratio {statistics.median(ratios):.2f},"
          f" min {min(ratios):.2f}: {met(min(ratios) >= 1)} in {sum(r >= 1 for r in ratios)} of {len(ratios)} runs")

if "memory" in parts:
    maxrss = int(open(f"{out}/memory.maxrss").read().split()[-1])
    s = summary(f"{out}/memory-mq.ndjson")
    print(f"\n2. Memory: mq bench --producers {mem_clients} --consumers {mem_clients} --rate {mem_rate}/s"
          f" --duration {mem_duration}s (load {load('memory')})")
    samples = list(csv.DictReader(open(f"{out}/memory.tsv"), delimiter="\t"))
    print("VmRSS over the run (MiB): " + ", ".join(f"{r['elapsed_s']} s {int(r['vmrss_kb']) / 1024:.1f}" for r in samples))
    if s:
        print(f"published {s['published']}, consumed {s['consumed']} ({s['rate']:.0f}/s), latency p50 {s['latency']['p50_ms']} ms,"
              f" p99 {s['latency']['p99_ms']} ms, gaps {s['gaps']}")
    hwm = max([int(r["vmhwm_kb"]) for r in samples] + [maxrss])
    print(f"goal: peak RSS under 50 MiB: {maxrss / 1024:.1f} MiB (/usr/bin/time), highest VmHWM sampled {hwm / 1024:.1f} MiB"
          f": {met(hwm < 50 * 1024)}")

if "latency" in parts:
    s = summary(f"{out}/latency-mq.ndjson")
    r = json.load(open(f"{out}/latency-reader.json"))
    print(f"\n3. Latency at --rate {lat_rate}/s, mq bench's consumer and the pika reader on the same queue (load {load('latency')})")
    print(f"{'reader':<28} {'messages':>8} {'p50 ms':>8} {'p75 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    print(f"{'mq bench (its consumer)':<28} {s['consumed']:>8} {s['latency']['p50_ms']:>8.3f} {s['latency']['p75_ms']:>8.3f}"
          f" {s['latency']['p95_ms']:>8.3f} {s['latency']['p99_ms']:>8.3f}")
    l = r["latency"]
    print(f"{'bench_latency_reader.py':<28} {r['count']:>8} {l['p50_ms']:>8.3f} {l['p75_ms']:>8.3f} {l['p95_ms']:>8.3f} {l['p99_ms']:>8.3f}")
    diff = abs(s["latency"]["p50_ms"] - l["p50_ms"])
    print(f"(mq bench published {s['published']}; its 'gaps' {s['gaps']} are the reader's share)")
    print(f"goal: the p50s within 1 ms: they differ by {diff:.3f} ms: {met(diff <= 1)}")

if "perftest" in parts:
    s = summary(f"{out}/perftest-mq.ndjson")
    r = json.load(open(f"{out}/perftest-reader.json"))
    p = json.load(open(f"{out}/perftest-producer.json"))
    print(f"\n4. A Python producer in PerfTest's layout with milliseconds, {pt_count} messages at {pt_rate}/s,"
          f" to a fanout exchange (load {load('perftest')})")
    print(f"producer: sent {p['sent']} in {p['seconds']:.1f} s ({p['rate']:.0f}/s), all confirmed; its confirm round trip"
          f" p50 {p['confirm_p50_ms']:.3f} ms, p99 {p['confirm_p99_ms']:.3f} ms; the millisecond stamp is"
          f" {p['stamp_truncation_mean_ms']:.3f} ms before the send on average")
    l, e = r["latency"], r["exact_latency"]
    print(f"{'reader':<46} {'messages':>8} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'gaps':>5}")
    print(f"{'mq bench --producers 0 --use-millis':<46} {s['consumed']:>8} {s['latency']['p50_ms']:>8.3f}"
          f" {s['latency']['p99_ms']:>8.3f} {'':>8} {s['gaps']:>5}")
    print(f"{'pika reader, same method (whole ms)':<46} {r['count']:>8} {l['p50_ms']:>8.3f} {l['p99_ms']:>8.3f}"
          f" {l['mean_ms']:>8.3f} {r['gaps']:>5}")
    exact_name = "pika reader, by the producer's exact send time"
    print(f"{exact_name:<46} {r['count']:>8} {e['p50_ms']:>8.3f} {e['p99_ms']:>8.3f}"
          f" {e['mean_ms']:>8.3f}")
    ok = s["gaps"] == 0 and s["consumed"] == p["sent"] and abs(s["latency"]["p50_ms"] - l["p50_ms"]) <= 1
    print(f"goal: mq bench consumed every message ({s['consumed']} of {p['sent']}), gaps {s['gaps']},"
          f" its p50 {s['latency']['p50_ms']:.0f} ms against the pika reader's {l['p50_ms']:.0f} ms (whole ms; exact"
          f" {e['p50_ms']:.3f} ms): {met(ok)}")
EOF
echo "raw output: $OUT" >&2
