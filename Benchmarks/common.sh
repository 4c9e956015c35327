# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables it sets are for the script that sources it

# What the benchmark scripts share, sourced by each of them after `set -euo pipefail`:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#
# Sourcing it sets ROOT (the checkout, made the working directory) and BENCH (this folder), and
# defines say (a heading on stderr) and die (an error naming the script, exit 1). Then:
#
#   bench_setup NAME   the broker, the output folders and the mq binaries to measure:
#     MQ_URL (exported) and URL   the broker (default: scripts/broker's node, started if it is not
#                                 running)
#     OUT                         raw output and the summary (default: a new /tmp/NAME.XXXXXX)
#     WORK                        scratch space, a new /tmp/NAME-work.XXXXXX (the script's cleanup
#                                 deletes it)
#     MQ_BIN, MQ_BUILT            the mq binary to measure (default: `make release`, the binary make
#                                 install ships; MQ_BUILT is 1 then, empty otherwise)
#     MQ                          a copy of MQ_BIN in WORK, so that a rebuild during the run cannot
#                                 change the binary being measured
#     MQB                         a copy of MQ_BASE_BIN in WORK when that names a second binary to
#                                 measure beside it (say, a release build of an older commit), else
#                                 empty
#   bench_references   compiles the C reference clients on librabbitmq into WORK: REFP
#                      (reference_publisher.c) and REFC (reference_consumer.c)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/Benchmarks
cd "$ROOT" || exit 1

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

bench_setup() { # name
  [ -z "${MQ_BASE_BIN:-}" ] || [ -x "$MQ_BASE_BIN" ] || die "MQ_BASE_BIN is not an executable: $MQ_BASE_BIN"
  if [ -z "${MQ_URL:-}" ]; then
    scripts/broker status >/dev/null 2>&1 || scripts/broker start
    MQ_URL=$(scripts/broker url)
  fi
  export MQ_URL
  URL=$MQ_URL
  OUT=${OUT:-$(mktemp -d "/tmp/$1.XXXXXX")}
  mkdir -p "$OUT"
  MQ_BUILT=
  if [ -z "${MQ_BIN:-}" ]; then
    MQ_BUILT=1
    say "make release (the binary make install installs)"
    make -C "$ROOT" release >&2
    MQ_BIN=$ROOT/.build-static/release/mq
  fi
  WORK=$(mktemp -d "/tmp/$1-work.XXXXXX")
  cp "$MQ_BIN" "$WORK/mq"
  MQ=$WORK/mq
  MQB=
  if [ -n "${MQ_BASE_BIN:-}" ]; then
    cp "$MQ_BASE_BIN" "$WORK/mq-base"
    MQB=$WORK/mq-base
  fi
}

bench_references() {
  cc -O2 -o "$WORK/reference_publisher" "$BENCH/reference_publisher.c" -lrabbitmq ||
    die "cannot build reference_publisher.c"
  cc -O2 -o "$WORK/reference_consumer" "$BENCH/reference_consumer.c" -lrabbitmq ||
    die "cannot build reference_consumer.c"
  REFP=$WORK/reference_publisher
  REFC=$WORK/reference_consumer
}
