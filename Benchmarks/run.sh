#!/usr/bin/env bash
# mq beside amqp-tools (librabbitmq) and pika, side by side in one run, against the same broker.
# See Benchmarks/README.md for the workloads and the targets (issue 5, section 4).
#
#   bash Benchmarks/run.sh               full run (about 8-10 minutes on a 2-core machine)
#   QUICK=1 bash Benchmarks/run.sh       smoke run with small counts (about a minute)
#
# Environment:
#   RUNS        runs per workload, medians are reported (default 5; QUICK: 2)
#   W1_REPS     process starts per client per run in W1 (default 20; QUICK: 5)
#   N           messages in W2 (100-byte lines), W3 and W4 (default 100000; QUICK: 10000)
#   N4K         messages in W2 with 4 KiB lines (default 10000; QUICK: 2000)
#   N_MEM       messages for the peak-memory runs (default 1000000; QUICK: 100000)
#   MEM_RUNS    runs of the peak-memory workload (default 2; QUICK: 1)
#   CG_N        messages under callgrind (default 20000; QUICK: 2000); a second run with CG_N/10
#               messages is subtracted, so instructions/message exclude start-up
#   N_EXEC      messages through `consume --exec true` in W5 (default 1000; QUICK: 200)
#   WORKLOADS   which timed workloads to run (default "W1 W2 W3 W4 W5 MEM"), e.g. WORKLOADS="W3 W4"
#   CALLGRIND=0 skip the callgrind part
#   SETTLE      seconds to let the broker settle before each timed run (default 0.5)
#   MQ_URL      broker (default: scripts/broker's node, started if it is not running)
#   MQ_BIN      use this mq binary instead of building (default: the static release build that
#               `make install` ships: make release)
#   MQ_BASE_BIN a second mq binary (say, a release build of an older commit) measured beside MQ_BIN
#               in the same run: "mq (base)" rows in W1, W2, W3, W5 and callgrind, run just before
#               or after mq's in turn (default: none)
#   OUT         directory for raw results, callgrind files and the summary (default: a new temp dir)
#
# Not part of the test suite: nothing here asserts anything, it measures and prints.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ "${QUICK:-0}" = 1 ]; then
  : "${RUNS:=2}" "${W1_REPS:=5}" "${N:=10000}" "${N4K:=2000}" "${N_MEM:=100000}" "${MEM_RUNS:=1}" "${CG_N:=2000}" "${N_EXEC:=200}"
else
  : "${RUNS:=5}" "${W1_REPS:=20}" "${N:=100000}" "${N4K:=10000}" "${N_MEM:=1000000}" "${MEM_RUNS:=2}" "${CG_N:=20000}" "${N_EXEC:=1000}"
fi
: "${CALLGRIND:=1}" "${SETTLE:=0.5}" "${WORKLOADS:=W1 W2 W3 W4 W5 MEM}" "${MQ_BASE_BIN:=}"
CG_N0=$((CG_N / 10))
T_START=$EPOCHREALTIME
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

wants() { [[ " $WORKLOADS " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------
# Prerequisites: Debian packages are installed when we are root with apt-get, pika must be there.
need_deb() { # command-or-file package
  if [ -e "$1" ] || command -v "$1" >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian package $2"
    apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }
  fi
  [ -e "$1" ] || command -v "$1" >/dev/null 2>&1 || die "missing $1 (Debian package $2)"
}
need_deb /usr/bin/time time
need_deb amqp-publish amqp-tools
need_deb /usr/include/amqp.h librabbitmq-dev
need_deb cc gcc
[ "$CALLGRIND" = 0 ] || { need_deb valgrind valgrind; need_deb callgrind_annotate valgrind; }
python3 -c 'import pika' 2>/dev/null || die "pika is missing: python3 -m pip install pika"

# The broker, mq in release mode (MQB: the base binary, when MQ_BASE_BIN names one: its rows are
# "mq (base) ..."), the C reference clients on librabbitmq.
bench_setup mq-bench
bench_references
RESULTS=$OUT/results.tsv
printf 'workload\tclient\trun\tn\twall_s\tuser_s\tsys_s\tmaxrss_kb\ttime_user_s\ttime_sys_s\n' >"$RESULTS"
binaries() { # run -> LABELS and BINS: mq, and mq (base) when given; the base goes first in even
  LABELS=(mq) BINS=("$MQ")  # runs, so that neither binary always runs just after the other
  [ -n "$MQB" ] || return 0
  if (($1 % 2)); then LABELS+=("mq (base)") BINS+=("$MQB"); else LABELS=("mq (base)" mq) BINS=("$MQB" "$MQ"); fi
}
PIKA_PUB=$BENCH/pika_publish.py
PIKA_CON=$BENCH/pika_consume.py

# ---------------------------------------------------------------------------------------------
# Queues: every timed run gets fresh ones, deleted afterwards (and on exit, whatever happened).
declare -A LIVE=()
QSEQ=0
cleanup() {
  local q
  for q in "${!LIVE[@]}"; do "$MQ" delete queue "$q" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
fresh_queue() { # prefix -> sets Q
  QSEQ=$((QSEQ + 1))
  Q="bench-$$-$1-$QSEQ"
  LIVE[$Q]=1
  "$MQ" declare queue "$Q" >/dev/null
}
drop_queue() { "$MQ" delete queue "$1" >/dev/null 2>&1 || true; unset "LIVE[$1]"; }
queue_count() { "$MQ" --json declare queue "$1" --passive | sed -n 's/.*"messages":\([0-9]*\).*/\1/p'; }
expect_count() { # queue expected: the broker may still be routing the last messages of a publisher
  local i got          # without confirms, so give it a few seconds
  for i in $(seq 50); do
    got=$(queue_count "$1")
    [ "$got" = "$2" ] && return 0
    sleep 0.1
  done
  die "queue $1 holds $got messages, expected $2"
}
prefill() { # queue file
  "$MQ" publish --queue "$1" --lines <"$2" >/dev/null
  expect_count "$1" "$(wc -l <"$2")"
}

elapsed() { # EPOCHREALTIME-start EPOCHREALTIME-end -> seconds with 6 decimals
  local us=$(( 10#${2//[.,]/} - 10#${1//[.,]/} ))
  printf '%d.%06d' $((us / 1000000)) $((us % 1000000))
}

# One timed run: wall clock around the process (EPOCHREALTIME), peak RSS from /usr/bin/time -f %M.
# user+sys: /usr/bin/time prints them with 10 ms resolution only, too coarse for ~0.05 s of CPU, so
# bash's `time` (getrusage of the children, 1 ms resolution, includes /usr/bin/time's own ~1 ms)
# gives the figures the summary uses; /usr/bin/time's are kept in results.tsv to cross-check.
# timed WORKLOAD CLIENT RUN N STDIN_FILE STDOUT_FILE CMD...   (for pipelines: bash -c '...')
timed() {
  local w=$1 c=$2 r=$3 n=$4 in=$5 out=$6 TIMEFORMAT='%3U %3S'
  shift 6
  sleep "$SETTLE"
  local t0=$EPOCHREALTIME t1
  if ! { time /usr/bin/time -f '%U %S %M' -o "$WORK/time" "$@" <"$in" >"$out" 2>"$WORK/stderr"; } 2>"$WORK/btime"; then
    cat "$WORK/stderr" >&2
    die "$w/$c run $r failed: $*"
  fi
  t1=$EPOCHREALTIME
  local u s m bu bs
  read -r u s m < <(tail -1 "$WORK/time")
  read -r bu bs <"$WORK/btime"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$c" "$r" "$n" "$(elapsed "$t0" "$t1")" "$bu" "$bs" "$m" "$u" "$s" >>"$RESULTS"
  printf '  %-10s %-34s run %s: %8.3f s\n' "$w" "$c" "$r" "$(elapsed "$t0" "$t1")" >&2
}

# ---------------------------------------------------------------------------------------------
# Data: N lines of 100 bytes, N4K lines of 4096 bytes, N_MEM lines of 100 bytes (newline extra).
say "generating input files in $WORK"
python3 - "$WORK" "$N" "$N4K" "$N_MEM" "$CG_N" "$CG_N0" <<'EOF'
import sys
work = sys.argv[1]
n, n4k, nmem, cgn, cgn0 = map(int, sys.argv[2:7])
def gen(name, count, size):
    pad = b"x" * (size - 9)
    with open(f"{work}/{name}", "wb") as f:
        f.writelines(b"%08d %s\n" % (i, pad) for i in range(count))
gen("lines100.txt", n, 100)
gen("lines4k.txt", n4k, 4096)
gen("lines100-mem.txt", nmem, 100)
gen("cg-large.txt", cgn, 100)
gen("cg-small.txt", cgn0, 100)
EOF
L100=$WORK/lines100.txt L4K=$WORK/lines4k.txt LMEM=$WORK/lines100-mem.txt

# ---------------------------------------------------------------------------------------------
if wants W1; then
say "W1: one message, process start to exit ($W1_REPS starts per client per run, $RUNS runs)"
w1_one() { # client run: W1_REPS starts, each timed; records each start as its own row
  local c=$1 r=$2 i t0 t1
  fresh_queue w1
  for i in $(seq "$W1_REPS"); do
    t0=$EPOCHREALTIME
    case $c in
      mq) "$MQ" publish --queue "$Q" hello >/dev/null ;;
      "mq (base)") "$MQB" publish --queue "$Q" hello >/dev/null ;;
      amqp-publish) amqp-publish -u "$URL" -r "$Q" -b hello ;;
      pika) python3 "$PIKA_PUB" "$URL" "$Q" --body hello ;;
    esac
    t1=$EPOCHREALTIME
    printf 'W1\t%s\t%s\t1\t%s\t\t\t\t\t\n' "$c" "$r" "$(elapsed "$t0" "$t1")" >>"$RESULTS"
  done
  expect_count "$Q" "$W1_REPS"
  drop_queue "$Q"
  printf '  %-10s %-34s run %s: done\n' W1 "$c" "$r" >&2
}
for r in $(seq "$RUNS"); do
  binaries "$r"
  for c in "${LABELS[@]}" amqp-publish pika; do w1_one "$c" "$r"; done
done

fi

# ---------------------------------------------------------------------------------------------
REFP_NAME="librabbitmq + confirms (C ref.)"
if wants W2; then
w2_run() { # workload file n run
  local w=$1 f=$2 n=$3 r=$4 i
  binaries "$r"
  for i in "${!BINS[@]}"; do
    fresh_queue w2; timed "$w" "${LABELS[i]} --lines" "$r" "$n" "$f" /dev/null "${BINS[i]}" publish --queue "$Q" --lines
    expect_count "$Q" "$n"; drop_queue "$Q"
    fresh_queue w2; timed "$w" "${LABELS[i]} --lines --no-confirm" "$r" "$n" "$f" /dev/null "${BINS[i]}" publish --queue "$Q" --lines --no-confirm
    expect_count "$Q" "$n"; drop_queue "$Q"
  done
  fresh_queue w2; timed "$w" "amqp-publish -l" "$r" "$n" "$f" /dev/null amqp-publish -u "$URL" -r "$Q" -l
  expect_count "$Q" "$n"; drop_queue "$Q"
  fresh_queue w2; timed "$w" "$REFP_NAME" "$r" "$n" "$f" /dev/null "$REFP" "$URL" "$Q" 1000 1
  expect_count "$Q" "$n"; drop_queue "$Q"
  fresh_queue w2; timed "$w" "pika" "$r" "$n" "$f" /dev/null python3 "$PIKA_PUB" "$URL" "$Q" --lines
  expect_count "$Q" "$n"; drop_queue "$Q"
  fresh_queue w2; timed "$w" "pika --confirm" "$r" "$n" "$f" /dev/null python3 "$PIKA_PUB" "$URL" "$Q" --lines --confirm
  expect_count "$Q" "$n"; drop_queue "$Q"
}
say "W2: publish $N lines of 100 bytes, and $N4K lines of 4 KiB, from a file ($RUNS runs)"
for r in $(seq "$RUNS"); do
  w2_run W2-100B "$L100" "$N" "$r"
  w2_run W2-4KiB "$L4K" "$N4K" "$r"
done

fi

# ---------------------------------------------------------------------------------------------
if wants W3; then
w3_one() { # client run
  local c=$1 r=$2
  fresh_queue w3; prefill "$Q" "$L100"
  case $c in
    "mq consume") timed W3 "$c" "$r" "$N" /dev/null /dev/null "$MQ" consume "$Q" --count "$N" --format raw ;;
    "mq (base) consume") timed W3 "$c" "$r" "$N" /dev/null /dev/null "$MQB" consume "$Q" --count "$N" --format raw ;;
    "librabbitmq (C reference)") timed W3 "$c" "$r" "$N" /dev/null /dev/null "$REFC" "$URL" "$Q" "$N" 1000 100 ;;
    "pika") timed W3 "$c" "$r" "$N" /dev/null /dev/null python3 "$PIKA_CON" "$URL" "$Q" "$N" 1000 100 ;;
  esac
  expect_count "$Q" 0; drop_queue "$Q"
}
say "W3: drain $N messages of 100 bytes to /dev/null ($RUNS runs)"
for r in $(seq "$RUNS"); do
  binaries "$r"
  for c in "${LABELS[@]/%/ consume}" "librabbitmq (C reference)" "pika"; do w3_one "$c" "$r"; done
done

fi

# ---------------------------------------------------------------------------------------------
if wants W4; then
say "W4: mq consume a --format json | mq publish --ndjson --queue b, $N messages ($RUNS runs)"
for r in $(seq "$RUNS"); do
  fresh_queue w4a; A=$Q; prefill "$A" "$L100"
  fresh_queue w4b; B=$Q
  timed W4 "mq consume | mq publish --ndjson" "$r" "$N" /dev/null /dev/null \
    bash -c 'set -o pipefail; "$0" consume "$1" --format json --count "$3" | "$0" publish --ndjson --queue "$2"' "$MQ" "$A" "$B" "$N"
  expect_count "$A" 0; expect_count "$B" "$N"
  drop_queue "$A"; drop_queue "$B"
done

fi

# ---------------------------------------------------------------------------------------------
if wants W5; then
say "W5: consume --exec true, $N_EXEC messages, at concurrency 1, 2 and 4, beside a shell loop of $N_EXEC sh -c true ($RUNS runs)"
head -n "$N_EXEC" "$L100" >"$WORK/lines-exec.txt"
w5_mq() { # label binary concurrency run
  fresh_queue w5; prefill "$Q" "$WORK/lines-exec.txt"
  timed W5 "$1 --exec (concurrency $3)" "$4" "$N_EXEC" /dev/null /dev/null "$2" consume "$Q" --count "$N_EXEC" --exec true --concurrency "$3"
  expect_count "$Q" 0; drop_queue "$Q"
}
for r in $(seq "$RUNS"); do
  timed W5 "shell loop: sh -c true" "$r" "$N_EXEC" /dev/null /dev/null \
    bash -c 'for ((i = 0; i < $0; i++)); do sh -c true; done' "$N_EXEC"
  binaries "$r"
  for j in 1 2 4; do
    for i in "${!BINS[@]}"; do w5_mq "${LABELS[i]}" "${BINS[i]}" "$j" "$r"; done
  done
done

fi

# ---------------------------------------------------------------------------------------------
if wants MEM; then
say "Peak memory: mq publish --lines and mq consume on $N_MEM messages ($MEM_RUNS runs)"
for r in $(seq "$MEM_RUNS"); do
  fresh_queue mem
  timed MEM "mq publish --lines" "$r" "$N_MEM" "$LMEM" /dev/null "$MQ" publish --queue "$Q" --lines
  expect_count "$Q" "$N_MEM"
  timed MEM "mq consume" "$r" "$N_MEM" /dev/null /dev/null "$MQ" consume "$Q" --count "$N_MEM" --format raw
  expect_count "$Q" 0; drop_queue "$Q"
done

fi

# ---------------------------------------------------------------------------------------------
CG=$OUT/callgrind
if [ "$CALLGRIND" != 0 ]; then
  say "callgrind: instructions per message ($CG_N minus $CG_N0 messages) and for one-message start-up"
  mkdir -p "$CG"
  cg() { # name cmd... (stdin from the caller); writes $CG/name.out, prints total Ir
    valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$CG/$1.out" "${@:2}" >/dev/null 2>"$CG/$1.log" \
      || { cat "$CG/$1.log" >&2; die "callgrind run $1 failed"; }
    sed -n 's/^summary: *//p' "$CG/$1.out" | head -1
  }
  printf 'name\tn\tinstructions\n' >"$CG/totals.tsv"
  cg_pub() { # label size file cmd...
    local label=$1 n=$2 f=$3; shift 3
    fresh_queue cg
    local ir
    ir=$(cg "$label-$n" "$@" "$Q" "${CG_EXTRA[@]}" <"$f")
    printf '%s\t%s\t%s\n' "$label" "$n" "$ir" >>"$CG/totals.tsv"
    expect_count "$Q" "$n"; drop_queue "$Q"
  }
  cg_con() { # label size cmd-before-queue... ; CG_AFTER: args after the queue
    local label=$1 n=$2; shift 2
    fresh_queue cg; head -n "$n" "$L100" | "$MQ" publish --queue "$Q" --lines >/dev/null
    local ir
    ir=$(cg "$label-$n" "$@" "$Q" "${CG_AFTER[@]}" </dev/null)
    printf '%s\t%s\t%s\n' "$label" "$n" "$ir" >>"$CG/totals.tsv"
    expect_count "$Q" 0; drop_queue "$Q"
  }
  for pair in "$CG_N0 $WORK/cg-small.txt" "$CG_N $WORK/cg-large.txt"; do
    set -- $pair; n=$1; f=$2
    CG_EXTRA=(--lines); cg_pub "mq publish --lines" "$n" "$f" "$MQ" publish --queue
    CG_EXTRA=(--lines --no-confirm); cg_pub "mq publish --lines --no-confirm" "$n" "$f" "$MQ" publish --queue
    CG_EXTRA=(-l); cg_pub "amqp-publish -l" "$n" "$f" amqp-publish -u "$URL" -r
    CG_EXTRA=(1000 1); cg_pub "$REFP_NAME" "$n" "$f" "$REFP" "$URL"
    CG_AFTER=(--count "$n" --format raw); cg_con "mq consume" "$n" "$MQ" consume
    if [ -n "$MQB" ]; then
      CG_EXTRA=(--lines); cg_pub "mq (base) publish --lines" "$n" "$f" "$MQB" publish --queue
      CG_EXTRA=(--lines --no-confirm); cg_pub "mq (base) publish --lines --no-confirm" "$n" "$f" "$MQB" publish --queue
      CG_AFTER=(--count "$n" --format raw); cg_con "mq (base) consume" "$n" "$MQB" consume
    fi
    CG_AFTER=("$n" 1000 100); cg_con "librabbitmq (C reference)" "$n" "$REFC" "$URL"
  done
  CG_EXTRA=(hello); cg_pub "W1 mq publish" 1 /dev/null "$MQ" publish --queue
  CG_EXTRA=(-b hello); cg_pub "W1 amqp-publish" 1 /dev/null amqp-publish -u "$URL" -r
  for name in "mq publish --lines-$CG_N" "mq consume-$CG_N" "W1 mq publish-1"; do
    callgrind_annotate --inclusive=no "$CG/$name.out" 2>/dev/null | sed -n '/file:function/,$p' | head -32 >"$CG/$name.self.txt" || true
    callgrind_annotate --inclusive=yes "$CG/$name.out" 2>/dev/null | sed -n '/file:function/,$p' | head -60 >"$CG/$name.inclusive.txt" || true
  done
fi

# ---------------------------------------------------------------------------------------------
# Machine and versions, then the summary (medians, ratios, targets).
checkout_of() { # binary -> ", built in a checkout of COMMIT" when it lies inside a git work tree
  local c
  c=$(git -C "$(dirname "$1")" rev-parse --short HEAD 2>/dev/null) && echo ", built in a checkout of $c"
}
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, Linux $(uname -r)"
  echo "broker: RabbitMQ $(curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview 2>/dev/null | sed -n 's/.*"rabbitmq_version":"\([^"]*\)".*/\1/p' || true) at ${URL%%@*}@${URL#*@} (same machine)" | sed 's#//[^:]*:[^@]*@#//#'
  if [ -n "$MQ_BUILT" ]; then
    echo "mq: $("$MQ" --version 2>/dev/null | head -1), release build of $(git rev-parse --short HEAD)$(git status --porcelain -- Sources Package.swift | grep -q . && echo ' + uncommitted changes in Sources'), $(swift --version 2>/dev/null | head -1)"
  else
    echo "mq: $("$MQ" --version 2>/dev/null | head -1), $MQ_BIN$(checkout_of "$MQ_BIN")"
  fi
  [ -z "$MQB" ] || echo "mq (base): $("$MQB" --version 2>/dev/null | head -1), $MQ_BASE_BIN$(checkout_of "$MQ_BASE_BIN")"
  echo "librabbitmq: $(dpkg-query -W -f '${Version}' librabbitmq4 2>/dev/null), pika $(python3 -c 'import pika; print(pika.__version__)'), $(python3 --version)"
  echo "load average (1/5/15 min) at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg) (the broker and other work share the CPUs)"
  echo "settings: RUNS=$RUNS W1_REPS=$W1_REPS N=$N N4K=$N4K N_MEM=$N_MEM MEM_RUNS=$MEM_RUNS CG_N=$CG_N N_EXEC=$N_EXEC"
} >"$OUT/machine.txt"

python3 - "$RESULTS" "$CG/totals.tsv" "$CALLGRIND" "$OUT/machine.txt" <<'EOF' | tee "$OUT/summary.txt"
import csv, statistics, sys
results, cg_totals, callgrind, machine = sys.argv[1:5]
rows = list(csv.DictReader(open(results), delimiter="\t"))
med = statistics.median

def group(w, c):
    return [r for r in rows if r["workload"] == w and r["client"] == c]

def stat(w, c):
    g = group(w, c)
    if not g:
        return None
    n = int(g[0]["n"])
    walls = [float(r["wall_s"]) for r in g]
    s = {"n": n, "runs": len({r["run"] for r in g}), "wall": med(walls), "lo": min(walls), "hi": max(walls)}
    if g[0]["user_s"]:
        s["cpu_us"] = med((float(r["user_s"]) + float(r["sys_s"])) * 1e6 / n for r in g)
        s["rss_mib"] = med(int(r["maxrss_kb"]) / 1024 for r in g)
        s["rss_max_mib"] = max(int(r["maxrss_kb"]) / 1024 for r in g)
    return s

print(open(machine).read().rstrip())
print()
print("Medians (time: wall clock, process start to exit; CPU: user+sys of the client processes)")
print(f"{'workload':<9} {'client':<35} {'messages':>9} {'time s':>9} {'min-max s':>15} {'msg/s':>10} {'CPU us/msg':>11} {'peak MiB':>9}")
order = []
for r in rows:
    k = (r["workload"], r["client"])
    if k not in order:
        order.append(k)
S = {}
for w, c in order:
    s = S[(w, c)] = stat(w, c)
    rate = f"{s['n'] / s['wall']:>10,.0f}" if w != "W1" else f"{'':>10}"
    cpu = f"{s['cpu_us']:>11.2f}" if "cpu_us" in s else f"{'':>11}"
    rss = f"{s['rss_mib']:>9.1f}" if "rss_mib" in s else f"{'':>9}"
    if w == "W1":
        wall, rng = f"{s['wall'] * 1000:>7.1f}ms", f"{s['lo'] * 1000:>6.1f}-{s['hi'] * 1000:.1f}ms"
    else:
        wall, rng = f"{s['wall']:>9.3f}", f"{s['lo']:>7.3f}-{s['hi']:.3f}"
    print(f"{w:<9} {c:<35} {s['n']:>9,} {wall} {rng:>15} {rate} {cpu} {rss}")

def get(w, c):
    return S.get((w, c))

checks = []  # (label, value, goal text, met, unit)
def thr(w, mine, other):  # throughput ratio = other's time / mine
    a, b = get(w, mine), get(w, other)
    return b["wall"] / a["wall"] if a and b else None
def add(label, v, op, goal):
    if v is None:
        return
    met = v >= goal if op == ">=" else v <= goal
    checks.append((label, v, f"{op} {goal:g}", met))

for w in ("W2-100B", "W2-4KiB"):
    add(f"{w}: mq --lines --no-confirm vs amqp-publish -l (throughput)", thr(w, "mq --lines --no-confirm", "amqp-publish -l"), ">=", 0.95)
    add(f"{w}: mq --lines (confirms) vs amqp-publish -l (throughput)", thr(w, "mq --lines", "amqp-publish -l"), ">=", 0.8)
    add(f"{w}: mq --lines (confirms) vs pika, no confirms (throughput)", thr(w, "mq --lines", "pika"), ">=", 3)
REFP = "librabbitmq + confirms (C ref.)"
context = []  # (label, value): no goal, for reading the targets
for w in ("W2-100B", "W2-4KiB"):
    context.append((f"{w}: librabbitmq with the same confirms vs amqp-publish -l", thr(w, REFP, "amqp-publish -l")))
    context.append((f"{w}: mq --lines (confirms) vs librabbitmq with confirms", thr(w, "mq --lines", REFP)))
add("W3: mq consume vs librabbitmq C reference (throughput)", thr("W3", "mq consume", "librabbitmq (C reference)"), ">=", 0.95)
add("W3: mq consume vs pika (throughput)", thr("W3", "mq consume", "pika"), ">=", 1.6)
if get("W1", "mq") and get("W1", "amqp-publish"):
    add("W1: mq publish time / amqp-publish time", get("W1", "mq")["wall"] / get("W1", "amqp-publish")["wall"], "<=", 1.0)
for c in ("mq publish --lines", "mq consume"):
    s = get("MEM", c)
    if s:
        add(f"Memory: {c}, {s['n']:,} messages, peak MiB (max of runs)", s["rss_max_mib"], "<=", 30)
def cpu_ratio(w, mine, other):
    a, b = get(w, mine), get(w, other)
    return a["cpu_us"] / b["cpu_us"] if a and b and b["cpu_us"] > 0 else None
add("CPU/msg (user+sys): mq --lines vs amqp-publish -l, W2-100B", cpu_ratio("W2-100B", "mq --lines", "amqp-publish -l"), "<=", 2)
add("CPU/msg (user+sys): mq --lines --no-confirm vs amqp-publish -l", cpu_ratio("W2-100B", "mq --lines --no-confirm", "amqp-publish -l"), "<=", 2)
add("CPU/msg (user+sys): mq consume vs C reference, W3", cpu_ratio("W3", "mq consume", "librabbitmq (C reference)"), "<=", 2)
SHELL = "shell loop: sh -c true"
def exec_ratio(label, j):  # time of mq --exec true at concurrency j / time of the shell loop
    a, b = get("W5", f"{label} --exec (concurrency {j})"), get("W5", SHELL)
    return a["wall"] / b["wall"] if a and b else None
add("W5: mq --exec true (concurrency 1) time / shell loop time (issue 25)", exec_ratio("mq", 1), "<=", 1.5)

cg = {}
if callgrind != "0":
    for r in csv.DictReader(open(cg_totals), delimiter="\t"):
        cg[(r["name"], int(r["n"]))] = int(r["instructions"])
    ns = sorted({n for (_, n) in cg if n > 1})
    if len(ns) == 2:
        n0, n1 = ns
        def per_msg(name):
            return (cg[(name, n1)] - cg[(name, n0)]) / (n1 - n0)
        print()
        print(f"Instructions under callgrind (per message: ({n1:,} messages - {n0:,} messages) / {n1 - n0:,}, start-up excluded)")
        print(f"{'client':<35} {'instr/msg':>10} {'total at ' + format(n1, ','):>18}")
        names = []
        for (name, n) in cg:
            if n > 1 and name not in names:
                names.append(name)
        for name in names:
            print(f"{name:<35} {per_msg(name):>10,.0f} {cg[(name, n1)]:>18,}")
        for name in ("W1 mq publish", "W1 amqp-publish"):
            if (name, 1) in cg:
                print(f"{name + ' (one message, whole process)':<46} {cg[(name, 1)]:>18,}")
        add("Instr/msg: mq publish --lines vs amqp-publish -l", per_msg("mq publish --lines") / per_msg("amqp-publish -l"), "<=", 2)
        add("Instr/msg: mq publish --lines --no-confirm vs amqp-publish -l", per_msg("mq publish --lines --no-confirm") / per_msg("amqp-publish -l"), "<=", 2)
        add("Instr/msg: mq consume vs C reference", per_msg("mq consume") / per_msg("librabbitmq (C reference)"), "<=", 2)
        for name in ("mq publish --lines", "mq publish --lines --no-confirm", "mq consume"):
            base = name.replace("mq", "mq (base)", 1)
            if (base, n1) in cg:
                context.append((f"Instr/msg: {name} vs mq (base)", per_msg(name) / per_msg(base)))
        if (REFP, n1) in cg:
            context.append(("Instr/msg: mq publish --lines vs librabbitmq with confirms", per_msg("mq publish --lines") / per_msg(REFP)))

mf = [s for (w, c), s in S.items() if w == "MEM"]
print()
print("Targets (issues 5, 25 and 26; ratios from medians of this run; throughput ratio = other client's time / mq's time)")
print(f"{'target':<70} {'value':>8} {'goal':>7}  met")
for label, v, goal, met in checks:
    print(f"{label:<70} {v:>8.2f} {goal:>7}  {'yes' if met else 'NO'}")
context = [(label, v) for label, v in context if v is not None]
if context:
    print()
    print("Context (no goal): the C library publishing with the same pipelined confirms (window 1000, mandatory)")
    for label, v in context:
        print(f"{label:<70} {v:>8.2f}")
if get("W5", SHELL):
    print()
    print(f"W5: consume --exec true against a shell loop of sh -c true ({get('W5', SHELL)['wall']:.3f} s); time ratio, lower is better")
    print(f"{'client':<35} {'time s':>9} {'msg/s':>10} {'/ shell':>8} {'speed-up over concurrency 1':>28}")
    for label in ("mq", "mq (base)"):
        one = get("W5", f"{label} --exec (concurrency 1)")
        for j in (1, 2, 4):
            s = get("W5", f"{label} --exec (concurrency {j})")
            if s:
                print(f"{label + ' --exec (concurrency ' + str(j) + ')':<35} {s['wall']:>9.3f} {s['n'] / s['wall']:>10,.0f} {exec_ratio(label, j):>8.2f} {one['wall'] / s['wall'] if one else 0:>28.2f}")
base_rows = [(w, c) for (w, c) in S if c.startswith("mq (base)")]
if base_rows:
    print()
    print("mq against mq (base) (MQ_BASE_BIN): time ratio base / mq, higher means mq is faster; CPU us/msg of each")
    print(f"{'workload':<9} {'client':<35} {'base/mq':>8} {'CPU mq':>8} {'CPU base':>9}")
    for w, c in base_rows:
        a, b = get(w, c.replace("mq (base)", "mq", 1)), get(w, c)
        if a and b:
            cpu = f"{a['cpu_us']:>8.2f} {b['cpu_us']:>9.2f}" if "cpu_us" in a and "cpu_us" in b else ""
            print(f"{w:<9} {c.replace('mq (base)', 'mq', 1):<35} {b['wall'] / a['wall']:>8.2f} {cpu}")
w2, w3 = get("W2-100B", "mq --lines"), get("W3", "mq consume")
m1, m2 = get("MEM", "mq publish --lines"), get("MEM", "mq consume")
if w2 and m1:
    print(f"Memory flat? mq publish --lines: {w2['rss_mib']:.1f} MiB at {w2['n']:,} messages, {m1['rss_mib']:.1f} MiB at {m1['n']:,}")
if w3 and m2:
    print(f"Memory flat? mq consume:         {w3['rss_mib']:.1f} MiB at {w3['n']:,} messages, {m2['rss_mib']:.1f} MiB at {m2['n']:,}")
EOF
echo "took $(elapsed "$T_START" "$EPOCHREALTIME") s; raw results, callgrind files and this summary: $OUT" >&2
