#!/usr/bin/env python3
"""An independent reader of load test messages, for Benchmarks/bench.sh (issue 28).

  bench_latency_reader.py URL QUEUE [--use-millis] [--trailer] [--prefetch N] [--idle S] [--seconds S]

Consumes QUEUE (pika, BlockingConnection, an ack for each message) and decodes the 12-byte stamp
that PerfTest, omq and mq bench put at the start of each body: bytes 0-3 a big-endian sequence
number, bytes 4-11 the big-endian send time since 1970, nanoseconds (milliseconds with
--use-millis). For each message it takes its own end-to-end latency: the wall clock on arrival
(time.time_ns()) minus the stamp, in the stamp's unit, as PerfTest does (with --use-millis:
arrival milliseconds minus stamp milliseconds, whole milliseconds).

--trailer: bytes 12-19 carry the exact send time in nanoseconds (bench_perftest_producer.py
writes it); the reader then also gives the exact latency from it.

It stops when no message came for --idle seconds (default 2) after the first one, or after
--seconds (default 120) in all, and prints one JSON object: count, latency percentiles (exact,
nearest rank, over every message) and mean in milliseconds, sequence gaps, and with --trailer the
same for the exact latency.
"""
import argparse
import json
import struct
import sys
import time

import pika


def percentiles(values):
    if not values:
        return None
    values = sorted(values)

    def at(p):
        # nearest rank: the smallest value with at least p% of the values at or below it
        rank = max(1, -(-len(values) * p // 100))
        return values[int(rank) - 1]

    return {
        "min_ms": values[0],
        "p50_ms": at(50),
        "p75_ms": at(75),
        "p95_ms": at(95),
        "p99_ms": at(99),
        "max_ms": values[-1],
        "mean_ms": sum(values) / len(values),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("queue")
    parser.add_argument("--use-millis", action="store_true")
    parser.add_argument("--trailer", action="store_true")
    parser.add_argument("--prefetch", type=int, default=1000)
    parser.add_argument("--idle", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()

    conn = pika.BlockingConnection(pika.URLParameters(args.url))
    ch = conn.channel()
    ch.basic_qos(prefetch_count=args.prefetch)
    latencies = []  # milliseconds, by the stamp (PerfTest's method)
    exact = []  # milliseconds, by the trailer's nanoseconds
    highest = {}  # sequence numbers: the highest seen, per app-id
    seen = {}
    deadline = time.monotonic() + args.seconds
    last = None
    for method, props, body in ch.consume(args.queue, inactivity_timeout=0.1):
        now_ns = time.time_ns()
        if method is None:
            if last is not None and time.monotonic() - last >= args.idle:
                break
            if time.monotonic() >= deadline:
                break
            continue
        last = time.monotonic()
        if len(body) >= 12:
            sequence, stamp = struct.unpack_from(">Iq", body)
            if args.use_millis:
                latencies.append(float(now_ns // 1_000_000 - stamp))
            else:
                latencies.append((now_ns - stamp) / 1e6)
            if args.trailer and len(body) >= 20:
                (sent_ns,) = struct.unpack_from(">q", body, 12)
                exact.append((now_ns - sent_ns) / 1e6)
            app = props.app_id or ""
            seen[app] = seen.get(app, 0) + 1
            highest[app] = max(highest.get(app, -1), sequence)
        ch.basic_ack(method.delivery_tag)
        if time.monotonic() >= deadline:
            break
    ch.cancel()
    conn.close()
    result = {
        "count": len(latencies),
        "unit": "ms" if args.use_millis else "ns",
        "latency": percentiles(latencies),
        # with one producer and this reader the only consumer: numbers that never came
        "gaps": sum(highest[app] + 1 - seen[app] for app in seen),
    }
    if args.trailer:
        result["exact_latency"] = percentiles(exact)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
