#!/usr/bin/env python3
"""Minimal pika publisher for the benchmarks (what a pika user would write).

  pika_publish.py URL QUEUE --body BODY [--confirm]   publish one message
  pika_publish.py URL QUEUE --lines [--confirm]       one message per stdin line (newline stripped)

--confirm turns on publisher confirms; pika's BlockingConnection then waits for each message's
confirm before returning from basic_publish (it has no pipelined confirms).
"""
import sys

import pika


def main():
    url, queue, *opts = sys.argv[1:]
    confirm = "--confirm" in opts
    conn = pika.BlockingConnection(pika.URLParameters(url))
    ch = conn.channel()
    if confirm:
        ch.confirm_delivery()
    if "--body" in opts:
        ch.basic_publish("", queue, opts[opts.index("--body") + 1].encode())
    else:
        publish = ch.basic_publish
        for line in sys.stdin.buffer:
            publish("", queue, line.rstrip(b"\n"))
    conn.close()


if __name__ == "__main__":
    main()
