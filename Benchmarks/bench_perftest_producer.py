#!/usr/bin/env python3
"""An independent producer in PerfTest's message layout with --use-millis, for Benchmarks/bench.sh
(issue 28).

  bench_perftest_producer.py URL EXCHANGE ROUTING_KEY --count N --rate R [--size S] [--app-id ID]

Publishes N messages (pika, BlockingConnection with publisher confirms: each basic_publish waits
for its confirm) at R messages a second, paced against a schedule so that a slow send does not
lower the rate. Each body is S bytes (default 100): bytes 0-3 the big-endian sequence number from
0, bytes 4-11 the big-endian send time in milliseconds since 1970 (PerfTest's --use-millis), then
bytes 12-19 the same send time in nanoseconds (a trailer that only bench_latency_reader.py
--trailer reads; to PerfTest and mq bench it is padding), then zeros.

Prints one JSON object: messages sent and confirmed, seconds, the rate reached, its own confirm
round trip (publish to confirm, nanosecond clock) p50 and p99, and the mean of what the
millisecond stamp loses (send time minus the stamp, in [0, 1) ms).
"""
import argparse
import json
import struct
import sys
import time

import pika


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("exchange")
    parser.add_argument("routing_key")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--app-id", default="bench-perftest-producer")
    args = parser.parse_args()
    if args.size < 20:
        parser.error("--size must be at least 20 (the stamp and the trailer)")

    conn = pika.BlockingConnection(pika.URLParameters(args.url))
    ch = conn.channel()
    ch.confirm_delivery()
    props = pika.BasicProperties(app_id=args.app_id)
    padding = bytes(args.size - 20)
    round_trips = []
    lost_to_millis = 0
    start = time.monotonic()
    for sequence in range(args.count):
        due = start + sequence / args.rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        sent_ns = time.time_ns()
        millis = sent_ns // 1_000_000
        lost_to_millis += sent_ns - millis * 1_000_000
        body = struct.pack(">Iqq", sequence, millis, sent_ns) + padding
        t0 = time.perf_counter_ns()
        ch.basic_publish(args.exchange, args.routing_key, body, props)  # raises if nacked
        round_trips.append((time.perf_counter_ns() - t0) / 1e6)
    seconds = time.monotonic() - start
    conn.close()
    round_trips.sort()
    result = {
        "sent": args.count,
        "confirmed": len(round_trips),
        "seconds": seconds,
        "rate": args.count / seconds,
        "confirm_p50_ms": round_trips[len(round_trips) // 2],
        "confirm_p99_ms": round_trips[min(len(round_trips) - 1, len(round_trips) * 99 // 100)],
        "stamp_truncation_mean_ms": lost_to_millis / args.count / 1e6,
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
