#!/usr/bin/env python3
"""Minimal pika consumer for the benchmarks.

  pika_consume.py URL QUEUE COUNT [PREFETCH] [ACK_EVERY]

Consumes COUNT messages with basic.qos PREFETCH (default 1000), writes each body to stdout (buffered)
and acknowledges in batches: one ack with multiple=true every ACK_EVERY messages (default 100) and
for the last one, after the output was flushed.
"""
import sys

import pika


def main():
    url, queue, count = sys.argv[1:4]
    count = int(count)
    prefetch = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    ack_every = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    out = sys.stdout.buffer
    conn = pika.BlockingConnection(pika.URLParameters(url))
    ch = conn.channel()
    ch.basic_qos(prefetch_count=prefetch)
    n = 0
    for method, _props, body in ch.consume(queue):
        out.write(body)
        n += 1
        if n % ack_every == 0 or n == count:
            out.flush()
            ch.basic_ack(method.delivery_tag, multiple=True)
        if n == count:
            break
    ch.cancel()
    conn.close()


if __name__ == "__main__":
    main()
