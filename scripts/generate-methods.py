#!/usr/bin/env python3
"""Generates Sources/AMQPWire/Methods/ from the AMQP 0-9-1 spec files.

One Swift file per method, grouped by class, plus Method.swift (the enum of all methods and its
dispatch by class and method id). Ids, argument order, types and defaults come from RabbitMQ's
JSON form of the spec; the one-line summaries come from the XML's method labels.

Usage: scripts/generate-methods.py [SPEC_DIR [OUT_DIR]]
  SPEC_DIR defaults to scripts/amqp (the spec files, checked in), OUT_DIR to Sources/AMQPWire/Methods.
"""
import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "scripts", "amqp")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "Sources", "AMQPWire", "Methods")
# The column limit of the checked-in .swift-format, which the lint holds these files to.
LINE_LENGTH = json.load(open(os.path.join(ROOT, ".swift-format")))["lineLength"]

# Classes the client speaks; access is deprecated and refused by RabbitMQ.
CLASSES = ["connection", "channel", "exchange", "queue", "basic", "confirm", "tx"]
# Reserved fields: always written as their default, read and dropped.
RESERVED = {"ticket", "out-of-band", "capabilities", "insist", "known-hosts", "channel-id", "cluster-id"}
SWIFT_KEYWORDS = {"internal"}
SWIFT_TYPES = {"octet": "UInt8", "short": "UInt16", "long": "UInt32", "longlong": "UInt64",
               "timestamp": "UInt64", "bit": "Bool", "shortstr": "String", "longstr": "[UInt8]",
               "table": "FieldTable"}


def camel(name, upper):
    parts = name.split("-")
    text = "".join(p[:1].upper() + p[1:] for p in parts)
    return text if upper else text[:1].lower() + text[1:]


def field_name(arg):
    return "noWait" if arg["name"] == "nowait" else camel(arg["name"], False)


def ident(name):
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def literal(swift_type, value):
    if swift_type == "Bool":
        return "true" if value else "false"
    if swift_type == "String":
        return json.dumps(value if value is not None else "")
    if swift_type == "[UInt8]":
        return "Array(%s.utf8)" % json.dumps(value) if value else "[]"
    if swift_type == "FieldTable":
        return "[:]"
    return str(value if value is not None else 0)


def kind_of(arg, domains):
    return domains[arg["domain"]] if "domain" in arg else arg["type"]


def groups(args, domains):
    """Splits arguments into runs: consecutive bits share one octet (spec 4.2.5.2)."""
    runs = []
    for arg in args:
        kind = kind_of(arg, domains)
        if kind == "bit" and runs and runs[-1][0] == "bit" and len(runs[-1][1]) < 8:
            runs[-1][1].append(arg)
        else:
            runs.append((kind, [arg]))
    return runs


def decode_lines(full, args, domains):
    """Decodes every argument into a local, then builds the value with the memberwise init: a
    throwing init that assigned `self.x` field by field would copy what it had on the way out."""
    lines = []
    fields = []
    for number, (kind, run) in enumerate(groups(args, domains), 1):
        what = f'.argument(Self.id, "{run[0]["name"]}")'
        public = [(i, a) for i, a in enumerate(run) if a["name"] not in RESERVED]
        if kind == "bit" and public:
            lines.append(f"let bits{number} = try reader.decodeInteger(as: UInt8.self, {what})")
            for i, arg in public:
                lines.append(f"let {ident(field_name(arg))} = bits{number} & 0x{1 << i:02X} != 0")
                fields.append(field_name(arg))
            continue
        target = f"let {ident(field_name(run[0]))}" if public else "_"
        if public:
            fields.append(field_name(run[0]))
        if kind == "shortstr":
            lines.append(f"{target} = try reader.decodeShortString({what})")
        elif kind == "longstr":
            lines.append(f"{target} = try reader.decodeLongString({what})")
        elif kind == "table":
            lines.append(f"{target} = try FieldTable.decode(from: &reader)")
        else:
            swift_type = "UInt8" if kind == "bit" else SWIFT_TYPES[kind]
            lines.append(f"{target} = try reader.decodeInteger(as: {swift_type}.self, {what})")
    if fields:
        pieces = [f"{name}: {ident(name)}" for name in fields]
        call = ", ".join(pieces)
        # Within the columns of .swift-format, at the 8 spaces the body is indented by: as
        # swift format wraps it, the arguments packed on lines indented 4 more.
        if 8 + len("self.init(") + len(call) + 1 <= LINE_LENGTH:
            lines.append(f"self.init({call})")
        else:
            lines.append("self.init(")
            line = ""
            for piece in pieces:
                candidate = f"{line}, {piece}" if line else piece
                if 12 + len(candidate) + 1 > LINE_LENGTH:
                    lines.append(f"    {line},")
                    line = piece
                else:
                    line = candidate
            lines.append(f"    {line})")
    return lines


def encode_lines(full, args, domains):
    lines = []
    for number, (kind, run) in enumerate(groups(args, domains), 1):
        public = [(i, a) for i, a in enumerate(run) if a["name"] not in RESERVED]
        arg = run[0]
        if kind == "bit":
            if not public:
                lines.append("writer.writeInteger(UInt8(0))")
                continue
            lines.append(f"var bits{number}: UInt8 = 0")
            for i, a in public:
                lines.append(f"if {ident(field_name(a))} {{ bits{number} |= 0x{1 << i:02X} }}")
            lines.append(f"writer.writeInteger(bits{number})")
            continue
        swift_type = SWIFT_TYPES[kind]
        value = literal(swift_type, arg.get("default-value")) if not public else ident(field_name(arg))
        if kind == "shortstr":
            lines.append(f'try writer.writeShortString({value}, .argument(Self.id, "{arg["name"]}"))')
        elif kind == "longstr":
            lines.append(f"writer.writeLongString({value})")
        elif kind == "table":
            lines.append(f"try {value}.encode(to: &writer)")
        else:
            lines.append(f"writer.writeInteger({swift_type}({value}))" if not public else f"writer.writeInteger({value})")
    return lines


def method_file(cls, method, label, domains):
    full = f"{cls['name']}.{method['name']}"
    type_name = camel(cls["name"], True) + camel(method["name"], True)
    args = method["arguments"]
    public = [a for a in args if a["name"] not in RESERVED]
    out = [f"// Generated by scripts/generate-methods.py from the AMQP 0-9-1 spec. Do not edit.", "",
           f"/// `{full}` (class {cls['id']}, method {method['id']}): {label}.",
           f"public struct {type_name}: MethodPayload {{",
           f"    public static let classID: UInt16 = {cls['id']}",
           f"    public static let methodID: UInt16 = {method['id']}",
           f'    public static let name = "{full}"', ""]
    for arg in public:
        kind = kind_of(arg, domains)
        out.append(f"    public var {ident(field_name(arg))}: {SWIFT_TYPES[kind]}")
    if public:
        out.append("")
        params = []
        for arg in public:
            kind = kind_of(arg, domains)
            swift_type = SWIFT_TYPES[kind]
            params.append(f"{field_name(arg)}: {swift_type} = {literal(swift_type, arg.get('default-value'))}")
        out.append(f"    public init(")
        out.append(",\n".join(f"        {p}" for p in params))
        out.append("    ) {")
        for arg in public:
            out.append(f"        self.{ident(field_name(arg))} = {ident(field_name(arg))}")
        out.append("    }")
    else:
        out.append("    public init() {}")
    out.append("")
    decode = decode_lines(full, args, domains)
    out.append("    public init(decoding reader: inout ByteReader) throws(WireError) {" if decode else
               "    public init(decoding reader: inout ByteReader) throws(WireError) {}")
    if decode:
        out += [f"        {line}" for line in decode]
        out.append("    }")
    out.append("")
    encode = encode_lines(full, args, domains)
    out.append("    public func encode(to writer: inout ByteWriter) throws(WireError) {" if encode else
               "    public func encode(to writer: inout ByteWriter) throws(WireError) {}")
    if encode:
        out += [f"        {line}" for line in encode]
        out.append("    }")
    out.append("}")
    return type_name, "\n".join(out) + "\n"


def enum_file(entries):
    out = ["// Generated by scripts/generate-methods.py from the AMQP 0-9-1 spec. Do not edit.", "",
           "/// Every AMQP 0-9-1 method the client sends or receives.",
           "public enum Method: Hashable, Sendable {"]
    for case, type_name, _ in entries:
        out.append(f"    case {case}({type_name})")
    out += ["", "    /// The payload, for what every method shares (ids, name, encoding).",
            "    public var payload: any MethodPayload {", "        switch self {"]
    for case, _, _ in entries:
        out.append(f"        case .{case}(let method): method")
    out += ["        }", "    }", "",
            "    /// Decodes the arguments of the method with these ids (spec 4.2.4).",
            "    public static func decode(classID: UInt16, methodID: UInt16, from reader: inout ByteReader) throws(WireError)",
            "        -> Method",
            "    {",
            "        switch (classID, methodID) {"]
    for case, type_name, ids in entries:
        out.append(f"        case ({ids[0]}, {ids[1]}): .{case}(try {type_name}(decoding: &reader))")
    out += ["        default: throw .unknownMethod(classID: classID, methodID: methodID)",
            "        }", "    }", "",
            "    /// The dotted spec name of the method with these ids (e.g. `queue.declare`), if known.",
            "    public static func name(classID: UInt16, methodID: UInt16) -> String? {",
            "        switch (classID, methodID) {"]
    for case, type_name, ids in entries:
        out.append(f"        case ({ids[0]}, {ids[1]}): {type_name}.name")
    out += ["        default: nil", "        }", "    }", "}"]
    return "\n".join(out) + "\n"


def main():
    spec = json.load(open(os.path.join(SPEC, "amqp-rabbitmq-0.9.1.json")))
    domains = dict(spec["domains"])
    labels = {}
    for cls in ET.parse(os.path.join(SPEC, "amqp0-9-1.extended.xml")).getroot().iter("class"):
        for method in cls.iter("method"):
            labels[(cls.get("name"), method.get("name"))] = method.get("label") or method.get("name")
    shutil.rmtree(OUT, ignore_errors=True)
    entries = []
    for cls in spec["classes"]:
        if cls["name"] not in CLASSES:
            continue
        folder = os.path.join(OUT, camel(cls["name"], True))
        os.makedirs(folder, exist_ok=True)
        for method in cls["methods"]:
            label = labels.get((cls["name"], method["name"]), method["name"])
            type_name, text = method_file(cls, method, label, domains)
            with open(os.path.join(folder, type_name + ".swift"), "w") as f:
                f.write(text)
            entries.append((type_name[:1].lower() + type_name[1:], type_name, (cls["id"], method["id"])))
    with open(os.path.join(OUT, "Method.swift"), "w") as f:
        f.write(enum_file(entries))


main()
