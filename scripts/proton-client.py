#!/usr/bin/env python3
"""An independent AMQP 1.0 client for mq's interop tests and benchmarks (python-qpid-proton).

Run it with the python that has proton (`scripts/amqp10-peer python`, MQ_TEST_PROTON_PYTHON):

  proton-client.py send URL ADDRESS [options]     send --count messages; prints one JSON line:
        {"sent": N, "accepted": N, "released": 0, "rejected": 0, "modified": 0, "seconds": S}
        (and "condition"/"description" of the first rejection)
  proton-client.py receive URL ADDRESS [options]  receive --count messages, each printed as one
        JSON line (see below); a summary {"received": N, "seconds": S} on stderr

URL is amqp://[USER:PASSWORD@]HOST:PORT[/VHOST]: with a user it logs in with SASL PLAIN, without
one ANONYMOUS. A VHOST (percent-encoded, %2F for /) is sent as open's hostname `vhost:VHOST`,
as RabbitMQ wants it; --hostname sets that field as it is. Addresses are taken as they are:
/queues/Q and /exchanges/X/KEY on RabbitMQ 4, /amq/queue/Q and /exchange/X/KEY on 3.x with its
plugin, plain names on other brokers.

AMQP values, in options and in the output, are typed JSON: {"type": T, "value": V} with T one of
null, boolean, ubyte, ushort, uint, ulong, byte, short, int, long, float, double, decimal32,
decimal64 (their bits as an integer), decimal128 (16 bytes in hex), char, timestamp (ms since the
epoch), uuid, binary (hex), string, symbol, list (typed values), map (a list of [key, value]
pairs), array ({"type": "array", "element": T, "value": [plain values]}), described
({"type": "described", "descriptor": typed, "value": typed}); NaN and infinities as strings.
An option value may also be TYPE:TEXT for a scalar (`int:5`, `binary:00ff`, `boolean:true`,
`timestamp:1700000000000`), or plain text for a string.

A received message is printed as
  {"body_kind": "data"|"amqp-value"|"amqp-sequence"|"none", "body": typed (binary for data, a list
   for amqp-sequence), "body_text": the data or binary as UTF-8 when it is,
   "header": {"durable", "priority", "ttl" (ms), "first_acquirer", "delivery_count"},
   "properties": {spec name: typed, only those set}, "application_properties": {name: typed},
   "message_annotations": {name: typed}, "delivery_annotations": {name: typed}}
(python-qpid-proton cannot tell a header that was absent from one holding the defaults, nor a
group-sequence of 0 or a time of 0 from an absent one.)

Exit status: 0 done; 1 the peer refused (an error closing the link, session or connection:
"CONDITION: DESCRIPTION" on stderr); 2 a sent message was not accepted; 3 fewer than --count
received before --timeout; 64 usage; 69 unreachable or connection lost; 77 login or access refused.
"""

import argparse
import json
import math
import sys
import time
import uuid
from urllib.parse import unquote, urlsplit

import cproton
from proton import (Array, Data, Delivery, Described, Message, byte, char, decimal32, decimal64,
                    decimal128, float32, int32, short, symbol, timestamp, ubyte, uint, ulong, ushort)
from proton.handlers import MessagingHandler
from proton.reactor import AtMostOnce, Container

# Python type -> AMQP type name, most specific first (bool is an int, symbol a str, ...).
SCALARS = [
    (bool, "boolean"), (ubyte, "ubyte"), (ushort, "ushort"), (uint, "uint"), (ulong, "ulong"),
    (byte, "byte"), (short, "short"), (int32, "int"), (timestamp, "timestamp"),
    (decimal32, "decimal32"), (decimal64, "decimal64"), (int, "long"), (float32, "float"),
    (float, "double"), (char, "char"), (symbol, "symbol"), (str, "string"),
    (decimal128, "decimal128"), (bytes, "binary"), (memoryview, "binary"), (uuid.UUID, "uuid"),
]
MAKERS = {
    "ubyte": ubyte, "ushort": ushort, "uint": uint, "ulong": ulong, "byte": byte, "short": short,
    "int": int32, "long": int, "timestamp": timestamp, "decimal32": decimal32,
    "decimal64": decimal64, "char": char, "symbol": symbol, "string": str,
}
ARRAY_TYPES = {name: code for code, name in Data.type_names.items()}
ARRAY_TYPES["boolean"] = ARRAY_TYPES.pop("bool")


class Usage(Exception):
    pass


def number(x):
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    return x


def encode(v):
    """An AMQP value as proton decoded it -> typed JSON."""
    if v is None:
        return {"type": "null"}
    if isinstance(v, Described):
        return {"type": "described", "descriptor": encode(v.descriptor), "value": encode(v.value)}
    if isinstance(v, Array):
        return {"type": "array", "element": "boolean" if v.type == Data.BOOL else Data.type_name(v.type),
                "value": [encode(e).get("value") for e in v.elements]}
    if isinstance(v, list):
        return {"type": "list", "value": [encode(e) for e in v]}
    if isinstance(v, dict):
        return {"type": "map", "value": [[encode(k), encode(x)] for k, x in v.items()]}
    for cls, name in SCALARS:
        if isinstance(v, cls):
            if name in ("binary", "decimal128"):
                return {"type": name, "value": bytes(v).hex()}
            if name == "uuid":
                return {"type": name, "value": str(v)}
            if name in ("float", "double"):
                return {"type": name, "value": number(float(v))}
            if name in ("string", "symbol", "char"):
                return {"type": name, "value": str(v)}
            if name == "boolean":
                return {"type": name, "value": bool(v)}
            return {"type": name, "value": int(v)}
    raise TypeError("no AMQP type for %r" % (v,))


def scalar(t, x):
    """A typed JSON scalar (or TYPE:TEXT's parts) -> the python value proton encodes as that type."""
    if t == "null":
        return None
    if t == "boolean":
        if isinstance(x, str):
            if x not in ("true", "false"):
                raise Usage("boolean:%s: not true or false" % x)
            return x == "true"
        return bool(x)
    if t in ("float", "double"):
        v = float(x)
        return float32(v) if t == "float" else v
    if t in ("binary", "decimal128"):
        b = bytes.fromhex(x)
        return decimal128(b) if t == "decimal128" else b
    if t == "uuid":
        return uuid.UUID(x)
    if t in MAKERS:
        if t in ("char", "symbol", "string"):
            return MAKERS[t](x)
        return MAKERS[t](int(x))
    raise Usage("unknown AMQP type '%s'" % t)


def decode(j):
    """Typed JSON -> a python value proton encodes as that type."""
    if isinstance(j, str):
        return parse_value(j)
    if not isinstance(j, dict) or "type" not in j:
        raise Usage("not a typed value: %s" % json.dumps(j))
    t = j["type"]
    if t == "list":
        return [decode(e) for e in j["value"]]
    if t == "map":
        return {decode(k): decode(v) for k, v in j["value"]}
    if t == "array":
        element = j["element"]
        return Array(None, ARRAY_TYPES[element], *[scalar(element, e) for e in j["value"]])
    if t == "described":
        return Described(decode(j["descriptor"]), decode(j["value"]))
    return scalar(t, j.get("value"))


def parse_value(text):
    """An option's value: typed JSON, TYPE:TEXT, or a string."""
    if text.startswith("{") or text.startswith("["):
        j = json.loads(text)
        return [decode(e) for e in j] if isinstance(j, list) else decode(j)
    t, sep, rest = text.partition(":")
    if sep and (t in MAKERS or t in ("null", "boolean", "float", "double", "binary", "decimal128", "uuid")):
        return scalar(t, rest)
    return text


def pairs(items, what):
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise Usage("%s '%s': expected NAME=VALUE" % (what, item))
        out[name] = value
    return out


PROPERTY_SETTERS = {
    "message-id": lambda m, v: setattr(m, "id", parse_value(v)),
    "user-id": lambda m, v: setattr(m, "user_id", v.encode()),
    "to": lambda m, v: setattr(m, "address", v),
    "subject": lambda m, v: setattr(m, "subject", v),
    "reply-to": lambda m, v: setattr(m, "reply_to", v),
    "correlation-id": lambda m, v: setattr(m, "correlation_id", parse_value(v)),
    "content-type": lambda m, v: setattr(m, "content_type", v),
    "content-encoding": lambda m, v: setattr(m, "content_encoding", v),
    "absolute-expiry-time": lambda m, v: setattr(m, "expiry_time", int(v) / 1000),
    "creation-time": lambda m, v: setattr(m, "creation_time", int(v) / 1000),
    "group-id": lambda m, v: setattr(m, "group_id", v),
    "group-sequence": lambda m, v: setattr(m, "group_sequence", int(v)),
    "reply-to-group-id": lambda m, v: setattr(m, "reply_to_group_id", v),
}


def message_properties(m):
    """The properties section's fields that are set, by their spec names, as typed JSON."""
    raw = m._msg
    out = {}

    def put(name, value, kind=None):
        if value is not None:
            out[name] = encode(value) if kind is None else {"type": kind, "value": value}

    # An id is a ulong, uuid, binary or string (3.2.11); proton hands a ulong back as a plain int.
    def an_id(v):
        return ulong(v) if isinstance(v, int) else v

    put("message-id", an_id(m.id))
    if m.user_id:
        put("user-id", bytes(m.user_id).hex(), "binary")
    put("to", m.address, "string")
    put("subject", m.subject, "string")
    put("reply-to", m.reply_to, "string")
    put("correlation-id", an_id(m.correlation_id))
    put("content-type", cproton.pn_message_get_content_type(raw), "symbol")
    put("content-encoding", cproton.pn_message_get_content_encoding(raw), "symbol")
    expiry = cproton.pn_message_get_expiry_time(raw)
    if expiry:
        put("absolute-expiry-time", expiry, "timestamp")
    created = cproton.pn_message_get_creation_time(raw)
    if created:
        put("creation-time", created, "timestamp")
    put("group-id", m.group_id, "string")
    if m.group_sequence:
        put("group-sequence", int(m.group_sequence), "uint")
    put("reply-to-group-id", m.reply_to_group_id, "string")
    return out


def body_json(m):
    body_data = Data(cproton.pn_message_body(m._msg))
    body_data.rewind()
    if not body_data.next():
        return {"body_kind": "none"}
    b = m.body
    if m.inferred and isinstance(b, (bytes, memoryview)):
        out = {"body_kind": "data", "body": {"type": "binary", "value": bytes(b).hex()}}
    elif m.inferred and isinstance(b, list):
        out = {"body_kind": "amqp-sequence", "body": encode(b)}
    else:
        out = {"body_kind": "amqp-value", "body": encode(b)}
    if isinstance(b, (bytes, memoryview)):
        try:
            out["body_text"] = bytes(b).decode("utf-8")
        except UnicodeDecodeError:
            pass
    return out


def message_json(m):
    out = body_json(m)
    out["header"] = {"durable": bool(m.durable), "priority": int(m.priority),
                     "ttl": cproton.pn_message_get_ttl(m._msg),
                     "first_acquirer": bool(m.first_acquirer), "delivery_count": int(m.delivery_count)}
    out["properties"] = message_properties(m)
    for key, section in (("application_properties", m.properties), ("message_annotations", m.annotations),
                         ("delivery_annotations", m.instructions)):
        out[key] = {str(k): encode(v) for k, v in (section or {}).items()}
    return out


def build_message(args, n):
    m = Message()
    text = args.body.replace("{n}", str(n)) if args.body is not None else ""
    kind = args.body_kind
    if kind == "data":
        m.body = bytes.fromhex(args.body_hex) if args.body_hex else (b"x" * args.size if args.size is not None else text.encode())
        m.inferred = True
    elif kind == "string":
        m.body = text
    elif kind == "binary":
        m.body = bytes.fromhex(args.body_hex) if args.body_hex else text.encode()
        m.inferred = False
    elif kind == "value":
        m.body = parse_value(text)
        m.inferred = False
    elif kind == "sequence":
        seq = parse_value(text)
        if not isinstance(seq, list):
            raise Usage("--body-kind sequence wants a JSON list of typed values")
        m.body = seq
        m.inferred = True
    if args.durable:
        m.durable = True
    if args.priority is not None:
        m.priority = args.priority
    if args.ttl is not None:
        m.ttl = args.ttl / 1000
    for name, value in pairs(args.property, "--property").items():
        if name not in PROPERTY_SETTERS:
            raise Usage("--property %s: not a property (%s)" % (name, ", ".join(PROPERTY_SETTERS)))
        PROPERTY_SETTERS[name](m, value)
    apps = {name: parse_value(v) for name, v in pairs(args.app, "--app").items()}
    if apps:
        m.properties = apps
    annotations = {symbol(name): parse_value(v) for name, v in pairs(args.annotation, "--annotation").items()}
    if annotations:
        m.annotations = annotations
    return m


def exit_for(condition):
    if condition in ("amqp:unauthorized-access",):
        return 77
    if condition and condition.startswith("proton:io"):
        return 69
    return 1


class Client(MessagingHandler):
    def __init__(self, args):
        super().__init__(prefetch=0, auto_accept=False, auto_settle=True)
        self.args = args
        self.status = None
        self.connection = None
        self.started = None
        self.done = False
        self.timer = None

    def connect(self, container):
        u = urlsplit(self.args.url)
        if u.scheme not in ("amqp", "amqps"):
            raise Usage("URL must start amqp:// or amqps://, not '%s'" % self.args.url)
        options = {"reconnect": False, "heartbeat": self.args.heartbeat}
        if u.username:
            options.update(user=unquote(u.username), password=unquote(u.password or ""),
                           allowed_mechs="PLAIN", allow_insecure_mechs=True)
        else:
            options.update(allowed_mechs="ANONYMOUS")
        if self.args.hostname:
            options["virtual_host"] = self.args.hostname
        elif u.path not in ("", "/"):
            options["virtual_host"] = "vhost:" + unquote(u.path[1:])
        host = u.hostname if ":" not in (u.hostname or "") else "[%s]" % u.hostname
        self.started = time.monotonic()
        self.connection = container.connect("%s://%s:%d" % (u.scheme, host, u.port or 5672), **options)
        self.timer = container.schedule(self.args.timeout, self)
        return self.connection

    def fail(self, status, text):
        if self.status is None:
            print("proton-client: " + text, file=sys.stderr)
            self.status = status
        self.finish()

    def finish(self):
        if not self.done:
            self.done = True
            if self.timer is not None:
                self.timer.cancel()  # a pending timer would keep the container running
            if self.connection is not None:
                self.connection.close()

    def on_transport_closed(self, event):
        # A cancelled timer still holds the container for a few seconds: stop it once the socket is
        # closed (after close's handshake, or at once when there was none).
        if self.done:
            event.container.stop()

    def on_timer_task(self, event):
        self.timed_out()

    def condition_text(self, condition):
        return "%s: %s" % (condition.name, condition.description) if condition.description else condition.name

    def on_transport_error(self, event):
        c = event.transport.condition
        if self.done and self.status is not None:
            return
        if c is None:
            self.fail(69, "connection lost")
        else:
            self.fail(exit_for(c.name), self.condition_text(c))

    def on_connection_error(self, event):
        c = event.connection.remote_condition
        self.fail(exit_for(c.name), self.condition_text(c))

    def on_session_error(self, event):
        c = event.session.remote_condition
        self.fail(exit_for(c.name), self.condition_text(c))

    def on_link_error(self, event):
        c = event.link.remote_condition
        self.fail(exit_for(c.name), self.condition_text(c))

    def on_disconnected(self, event):
        if not self.done:
            c = event.transport.condition if event.transport else None
            self.fail(69, self.condition_text(c) if c else "connection lost")


class Sender(Client):
    def __init__(self, args):
        super().__init__(args)
        self.sent = 0
        self.outcomes = {"accepted": 0, "released": 0, "rejected": 0, "modified": 0}
        self.first_refusal = None
        self.messages = None

    def on_start(self, event):
        self.messages = [build_message(self.args, n) for n in range(1, min(self.args.count, 1) + 1)]
        conn = self.connect(event.container)
        options = AtMostOnce() if self.args.settled else None
        event.container.create_sender(conn, self.args.address, options=options)

    def on_sendable(self, event):
        while event.sender.credit and self.sent < self.args.count:
            n = self.sent + 1
            m = self.messages[0] if "{n}" not in (self.args.body or "") else build_message(self.args, n)
            event.sender.send(m)
            self.sent += 1
        if self.args.settled and self.sent == self.args.count:
            self.finish()
        self.check_done()

    def settled(self, key, event):
        self.outcomes[key] += 1
        if key != "accepted" and self.first_refusal is None:
            self.first_refusal = event.delivery.remote
        self.check_done()

    def on_accepted(self, event):
        self.settled("accepted", event)

    def on_released(self, event):
        self.settled("modified" if event.delivery.remote_state == Delivery.MODIFIED else "released", event)

    def on_rejected(self, event):
        self.settled("rejected", event)

    def check_done(self):
        if not self.args.settled and sum(self.outcomes.values()) == self.args.count:
            if self.status is None:
                self.status = 0 if self.outcomes["accepted"] == self.args.count else 2
            self.finish()

    def timed_out(self):
        if not self.done:
            self.fail(3, "%d of %d outcomes after %ss" % (sum(self.outcomes.values()), self.args.count, self.args.timeout))

    def summary(self):
        out = {"sent": self.sent, **self.outcomes, "seconds": round(time.monotonic() - self.started, 3)}
        if self.args.settled:
            del out["accepted"], out["released"], out["rejected"], out["modified"]
        if self.first_refusal is not None and self.first_refusal.condition is not None:
            out["condition"] = self.first_refusal.condition.name
            out["description"] = self.first_refusal.condition.description
        print(json.dumps(out), flush=True)


class Receiver(Client):
    OUTCOMES = ("accept", "release", "reject", "modify")

    def __init__(self, args):
        super().__init__(args)
        self.received = 0
        self.receiver = None

    def on_start(self, event):
        conn = self.connect(event.container)
        self.receiver = event.container.create_receiver(conn, self.args.address)
        self.top_up()

    def top_up(self):
        # Back to the window once half of it is used (not a flow frame a message), and never more
        # than the messages still wanted: what a peer sent beyond them might be lost, not returned.
        window = self.args.credit
        want = min(window, self.args.count - self.received) if self.args.count else window
        credit = self.receiver.credit
        if credit < want and (credit <= window // 2 or self.received == 0):
            self.receiver.flow(want - credit)

    def on_message(self, event):
        if self.done:
            return
        self.received += 1
        if not self.args.quiet:
            sys.stdout.write(json.dumps(message_json(event.message)) + "\n")
        outcome = self.args.outcome
        if outcome == "accept":
            self.accept(event.delivery)
        elif outcome == "release":
            self.release(event.delivery, delivered=False)
        elif outcome == "modify":
            self.release(event.delivery, delivered=True)
        else:
            self.reject(event.delivery)
        if self.args.count and self.received >= self.args.count:
            self.status = 0 if self.status is None else self.status
            self.finish()
        else:
            self.top_up()

    def timed_out(self):
        if self.done:
            return
        if self.args.count == 0:
            self.status = 0 if self.status is None else self.status
            self.finish()
        else:
            self.fail(3, "%d of %d messages after %ss" % (self.received, self.args.count, self.args.timeout))

    def summary(self):
        sys.stdout.flush()
        print(json.dumps({"received": self.received, "seconds": round(time.monotonic() - self.started, 3)}),
              file=sys.stderr, flush=True)


def main(argv):
    parser = argparse.ArgumentParser(prog="proton-client.py", description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="verb", required=True)
    for verb in ("send", "receive"):
        p = sub.add_parser(verb)
        p.add_argument("url")
        p.add_argument("address")
        p.add_argument("--count", type=int, default=1,
                       help="messages to send or receive (receive: 0 for all until --timeout)")
        p.add_argument("--timeout", type=float, default=30, help="seconds for the whole run (30)")
        p.add_argument("--hostname", help="open's hostname as it is (instead of vhost:VHOST from the URL)")
        p.add_argument("--heartbeat", type=float, help="idle timeout in seconds")
        if verb == "send":
            p.add_argument("--body", help="the body text (data and string bodies: {n} is the message's number)")
            p.add_argument("--body-hex", help="the body's bytes in hex (data and binary bodies)")
            p.add_argument("--size", type=int, help="a data body of this many bytes")
            p.add_argument("--body-kind", default="data", choices=("data", "string", "binary", "value", "sequence", "none"),
                           help="data section (default), amqp-value string or binary, amqp-value of a typed "
                                "value (--body), amqp-sequence (--body: a JSON list), or no body")
            p.add_argument("--property", action="append", metavar="NAME=VALUE",
                           help="a properties field by its spec name (message-id, user-id, to, subject, reply-to, "
                                "correlation-id, content-type, content-encoding, absolute-expiry-time, creation-time "
                                "(ms), group-id, group-sequence, reply-to-group-id); ids may be typed")
            p.add_argument("--app", action="append", metavar="NAME=VALUE", help="an application property (typed)")
            p.add_argument("--annotation", action="append", metavar="NAME=VALUE", help="a message annotation (typed)")
            p.add_argument("--durable", action="store_true")
            p.add_argument("--priority", type=int)
            p.add_argument("--ttl", type=int, help="ms")
            p.add_argument("--settled", action="store_true", help="send pre-settled (no outcomes)")
        else:
            p.add_argument("--credit", type=int, default=100, help="link credit kept open (100)")
            p.add_argument("--outcome", default="accept", choices=Receiver.OUTCOMES,
                           help="settle each message accepted (default), released, rejected, or modified "
                                "(delivery-failed)")
            p.add_argument("--quiet", action="store_true", help="print only the summary")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 64 if e.code else 0
    try:
        if args.verb == "send":
            if args.body_kind == "none" and (args.body or args.body_hex):
                raise Usage("--body-kind none takes no body")
            build_message(args, 1)  # usage errors before connecting
            handler = Sender(args)
        else:
            if args.credit < 1:
                raise Usage("--credit must be at least 1")
            handler = Receiver(args)
        Container(handler).run()
    except Usage as e:
        print("proton-client: %s" % e, file=sys.stderr)
        return 64
    except KeyboardInterrupt:
        return 130
    handler.summary()
    return handler.status if handler.status is not None else 69


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
