#!/usr/bin/env python3
"""Independent AMQP 0-9-1 peer (pika) for mq's interop tests.

  pika_peer.py publish URL QUEUE   publish one message with every basic property set to the default
                                   exchange, routing key QUEUE (mandatory, publisher confirms); exit 0
                                   once confirmed, 1 if unroutable or nacked (any AMQP error).
  pika_peer.py read URL QUEUE      basic.get one message (polling up to 10 s), ack it, print one JSON
                                   line describing it; exit 3 if none arrived.

Header values in the JSON are typed: {"type": <python type name>, "value": ...}, recursively for
lists ("list") and tables ("dict"); bytes as hex, Decimal as its string, datetime as epoch seconds.
How pika decodes field types: 'S' long string -> str (bytes if not UTF-8), 'x' byte array -> bytes,
b/B/s/u/I/i/U -> int, L/l -> long (pika's int subclass, so
64-bit values show "type": "long"), f/d -> float, D -> Decimal, T -> datetime, t -> bool, V -> None.
"""
import datetime
import decimal
import json
import sys
import time

import pika
import pika.exceptions

BODY = b"interop \x00\xff body"

# pika cannot encode: float (no 'f'/'d' encoder; a Decimal, field type 'D', stands in for it) and
# bytearray (only `bytes` is encoded, as field type 'x'). Everything else below is as asked.
# Encodings pika picks: str 'S', bytes 'x', bool 't', int 'I' (signed 32-bit) or 'l' (signed
# 64-bit) when it does not fit, Decimal 'D', datetime 'T', list 'A', dict 'F', None 'V'.
HEADERS = {
    "str": "text",
    "int": 42,
    "neg": -7,
    "big": 2**40,
    "decimal": decimal.Decimal("1.5"),
    "bool": True,
    "none": None,
    "list": [1, "two", [3]],
    "nested": {"a": {"b": "c"}},
    "bytes": b"\x01\x02",
    "time": datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc),  # 1700000000
}

PROPERTIES = dict(
    content_type="application/octet-stream",
    content_encoding="gzip",
    headers=HEADERS,
    delivery_mode=2,
    priority=5,
    correlation_id="corr-1",
    reply_to="reply-q",
    expiration="60000",
    message_id="msg-1",
    timestamp=1700000000,
    type="interop.type",
    user_id="guest",  # the broker rejects a user_id other than the connection's user
    app_id="pika-peer",
    cluster_id="",
)

PROPERTY_NAMES = [
    "content_type", "content_encoding", "headers", "delivery_mode", "priority", "correlation_id",
    "reply_to", "expiration", "message_id", "timestamp", "type", "user_id", "app_id", "cluster_id",
]


def typed(value):
    """Type-preserving JSON form of a decoded header value."""
    if isinstance(value, dict):
        v = {k: typed(x) for k, x in value.items()}
    elif isinstance(value, list):
        v = [typed(x) for x in value]
    elif isinstance(value, (bytes, bytearray)):
        v = bytes(value).hex()
    elif isinstance(value, decimal.Decimal):
        v = str(value)
    elif isinstance(value, datetime.datetime):
        v = int(value.replace(tzinfo=value.tzinfo or datetime.timezone.utc).timestamp())
    else:  # str, int, float, bool, None
        v = value
    return {"type": type(value).__name__, "value": v}


def publish(channel, queue):
    channel.confirm_delivery()
    # With confirms on, BlockingChannel.basic_publish returns once the broker confirmed and raises
    # UnroutableError / NackError otherwise.
    channel.basic_publish("", queue, BODY, pika.BasicProperties(**PROPERTIES), mandatory=True)
    return 0


def read(channel, queue, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        method, props, body = channel.basic_get(queue, auto_ack=False)
        if method is not None:
            break
        if time.monotonic() >= deadline:
            print(f"pika_peer: no message on {queue!r} within {timeout:g}s", file=sys.stderr)
            return 3
        time.sleep(0.1)
    channel.basic_ack(method.delivery_tag)
    properties = {}
    for name in PROPERTY_NAMES:
        value = getattr(props, name, None)
        properties[name] = typed(value)["value"] if name == "headers" and value is not None else value
    print(json.dumps({
        "body_hex": body.hex(),
        "properties": properties,
        "headers": None if props.headers is None else typed(props.headers)["value"],
        "delivery": {"exchange": method.exchange, "routing_key": method.routing_key,
                     "redelivered": method.redelivered},
    }, sort_keys=True))
    return 0


def main(argv):
    if len(argv) != 4 or argv[1] not in ("publish", "read"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, url, queue = argv[1:]
    try:
        connection = pika.BlockingConnection(pika.URLParameters(url))
        try:
            channel = connection.channel()
            return publish(channel, queue) if mode == "publish" else read(channel, queue)
        finally:
            if connection.is_open:
                connection.close()
    except pika.exceptions.AMQPError as e:  # unroutable, nack, missing queue, refused connection...
        print(f"pika_peer: {mode} failed: {e!r}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
