#!/usr/bin/env bash
# The cost of starting (issue 26, section 1): instructions of a whole process under callgrind, from
# the dynamic loader to exit, for what a shell loop or a CI job runs a thousand times:
#   mq --version
#   mq publish --queue Q hello          one message, waiting for its confirm
#   amqp-publish -r Q -b hello          the C client (librabbitmq), one message, no confirm
# Goals: mq --version under 1 M instructions, the one-message publish under amqp-publish's.
#
#   bash Benchmarks/startup.sh
#
# Callgrind counts user-space instructions, so the figures do not move with the machine's load
# (W1 in run.sh times the same publish by the wall clock, beside amqp-publish and pika).
# Environment:
#   MQ_BIN       the mq binary to measure (default: `make release`, the binary make install ships)
#   MQ_BASE_BIN  a second mq binary measured beside it, say a release build of an older commit
#   MQ_URL       broker (default: scripts/broker's node, started if it is not running)
#   OUT          directory for the callgrind files and the summary (default: a new temp dir)
# Needs valgrind and amqp-tools.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for tool in valgrind amqp-publish; do command -v "$tool" >/dev/null || die "missing $tool"; done

bench_setup mq-startup
declare -a BINARIES=("mq=$MQ")
if [ -n "$MQB" ]; then BINARIES+=("mq (base)=$MQB"); fi
QUEUE=startup-$$
cleanup() { "$MQ" delete queue "$QUEUE" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$MQ" declare queue "$QUEUE" >/dev/null

# instructions LABEL CMD...: the whole process's instructions under callgrind.
instructions() {
  local label=$1 file="$OUT/${1//[^a-zA-Z0-9]/_}.callgrind"
  shift
  valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$file" "$@" >/dev/null 2>"$file.log" ||
    { cat "$file.log" >&2; die "$label failed under callgrind"; }
  printf '%-44s %12s\n' "$label" "$(sed -n 's/^summary: *//p' "$file" | head -1)"
}

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); mq: $MQ_BIN${MQ_BASE_BIN:+; mq (base): $MQ_BASE_BIN}"
  printf '%-44s %12s\n' "process (start to exit)" "instructions"
  for entry in "${BINARIES[@]}"; do
    name=${entry%%=*} bin=${entry#*=}
    instructions "$name --version" "$bin" --version
    instructions "$name publish --queue Q hello (confirmed)" "$bin" publish --queue "$QUEUE" hello
  done
  instructions "amqp-publish -r Q -b hello (no confirm)" amqp-publish -u "$MQ_URL" -r "$QUEUE" -b hello
} | tee "$OUT/summary.txt"
