#!/usr/bin/env python3
"""Generates the AMQP 1.0 composite types and restricted enums of Sources/AMQP10Wire from the spec's XML.

One Swift file per type: the performatives, the error, the SASL frames, the message header and
properties, the delivery states, the source and target terminus, and the restricted types with
choices (settle modes, terminus durability and expiry policy, sasl-code). Names, descriptors,
field order, types, `mandatory`, `multiple` and `default` come from the XML; the one-line
summaries and spec sections, which the XML does not hold, from SUMMARIES below. The output is run
through the toolchain's `swift format` with the checked-in .swift-format, so scripts/format leaves
it as it is.

Usage: scripts/generate-amqp10.py [SPEC_DIR [OUT_DIR]]
  SPEC_DIR defaults to scripts/amqp10 (transport.xml, messaging.xml, security.xml, checked in),
  OUT_DIR to Sources/AMQP10Wire (the files go in its folders Performatives/, SASL/, Messaging/).
"""
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "scripts", "amqp10")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "Sources", "AMQP10Wire")
NS = "{http://www.amqp.org/schema/amqp.xsd}"
FILES = ["transport.xml", "messaging.xml", "security.xml"]

# What is generated: spec type name -> (folder under OUT, Swift name).
TYPES = {
    "open": ("Performatives", "Open"),
    "begin": ("Performatives", "Begin"),
    "attach": ("Performatives", "Attach"),
    "flow": ("Performatives", "Flow"),
    "transfer": ("Performatives", "Transfer"),
    "disposition": ("Performatives", "Disposition"),
    "detach": ("Performatives", "Detach"),
    "end": ("Performatives", "End"),
    "close": ("Performatives", "Close"),
    # Not `Error`, which would hide Swift's protocol of that name throughout the module.
    "error": ("Performatives", "AMQPError"),
    "sender-settle-mode": ("Performatives", "SenderSettleMode"),
    "receiver-settle-mode": ("Performatives", "ReceiverSettleMode"),
    "sasl-mechanisms": ("SASL", "SASLMechanisms"),
    "sasl-init": ("SASL", "SASLInit"),
    "sasl-challenge": ("SASL", "SASLChallenge"),
    "sasl-response": ("SASL", "SASLResponse"),
    "sasl-outcome": ("SASL", "SASLOutcome"),
    "sasl-code": ("SASL", "SASLCode"),
    "header": ("Messaging", "Header"),
    "properties": ("Messaging", "Properties"),
    "source": ("Messaging/Terminus", "Source"),
    "target": ("Messaging/Terminus", "Target"),
    "terminus-durability": ("Messaging/Terminus", "TerminusDurability"),
    "terminus-expiry-policy": ("Messaging/Terminus", "TerminusExpiryPolicy"),
    "received": ("Messaging/DeliveryStates", "Received"),
    "accepted": ("Messaging/DeliveryStates", "Accepted"),
    "rejected": ("Messaging/DeliveryStates", "Rejected"),
    "released": ("Messaging/DeliveryStates", "Released"),
    "modified": ("Messaging/DeliveryStates", "Modified"),
}

# The spec section and a one-line summary of each generated type (the XML has neither).
SUMMARIES = {
    "open": ("2.7.1", "negotiates connection parameters"),
    "begin": ("2.7.2", "begins a session on a channel"),
    "attach": ("2.7.3", "attaches a link to a session"),
    "flow": ("2.7.4", "updates the flow state of a session, and of one of its links"),
    "transfer": ("2.7.5", "carries a message, or a part of one, over a link"),
    "disposition": ("2.7.6", "informs the peer of delivery state changes"),
    "detach": ("2.7.7", "detaches a link from its session, or closes it"),
    "end": ("2.7.8", "ends a session"),
    "close": ("2.7.9", "signals a connection close"),
    "error": ("2.8.14", "details of an error: its condition, a description and more information"),
    "sender-settle-mode": ("2.8.2", "the settlement policy for a sender"),
    "receiver-settle-mode": ("2.8.3", "the settlement policy for a receiver"),
    "sasl-mechanisms": ("5.3.3.1", "the SASL mechanisms the server supports"),
    "sasl-init": ("5.3.3.2", "the mechanism the client chose, with its initial response"),
    "sasl-challenge": ("5.3.3.3", "a challenge from the server"),
    "sasl-response": ("5.3.3.4", "the client's response to a challenge"),
    "sasl-outcome": ("5.3.3.5", "the outcome of the SASL exchange"),
    "sasl-code": ("5.3.3.6", "the outcome code of a SASL exchange"),
    "header": ("3.2.1", "the transport headers of a message"),
    "properties": ("3.2.4", "the immutable properties of a message"),
    "source": ("3.5.3", "where a link's messages come from"),
    "target": ("3.5.4", "where a link's messages go"),
    "terminus-durability": ("3.5.5", "what of a terminus survives a restart"),
    "terminus-expiry-policy": ("3.5.6", "when the expiry timer of a terminus starts"),
    "received": ("3.4.1", "how much of a message was received (a delivery state, not an outcome)"),
    "accepted": ("3.4.2", "the outcome of a message the receiver took"),
    "rejected": ("3.4.3", "the outcome of a message the receiver found invalid"),
    "released": ("3.4.4", "the outcome of a message given back unprocessed, to be delivered again"),
    "modified": ("3.4.5", "the outcome of a message given back with changed annotations"),
}

# Restricted types that are something else on the wire, resolved to their source as the XML says.
PRIMITIVES = {
    "boolean": "Bool", "ubyte": "UInt8", "ushort": "UInt16", "uint": "UInt32", "ulong": "UInt64",
    "string": "String", "symbol": "Symbol", "timestamp": "Timestamp", "map": "Map", "binary": "[UInt8]",
}
ENUMS = {"role": "Role"}  # handwritten: a boolean, which Swift enums cannot have as raw value
# Fields typed `*` hold whatever provides what they require.
REQUIRES = {
    "source": "Source", "target": "Target", "delivery-state": "DeliveryState", "outcome": "DeliveryState",
    "message-id": "Value", "address": "String",
}


def camel(name, upper=False):
    parts = name.split("-")
    words = ["ID" if part == "id" else part[:1].upper() + part[1:] for part in parts]
    text = "".join(words)
    if upper:
        return text
    return words[0].lower() + "".join(words[1:]) if words[0] != "ID" else "id" + "".join(words[1:])


def group(number):
    return f"{number:_}" if number >= 10_000 else str(number)


def load():
    types = {}
    for name in FILES:
        root = ET.parse(os.path.join(SPEC, name)).getroot()
        for element in root.iter(NS + "type"):
            types[element.get("name")] = (element, name)
    return types


def swift_type(field, types):
    """The Swift type of a field's single value."""
    kind = field.get("type")
    if kind == "*":
        return REQUIRES[field.get("requires")]
    while True:
        if kind in ENUMS:
            return ENUMS[kind]
        if kind in TYPES:
            return TYPES[kind][1]
        if kind in PRIMITIVES:
            return PRIMITIVES[kind]
        kind = types[kind][0].get("source")


def primitive_of(kind, types):
    """The primitive type a restricted type is encoded as (None for `*` and composites)."""
    while kind in types and types[kind][0].get("class") == "restricted":
        kind = types[kind][0].get("source")
    return kind if kind in PRIMITIVES else None


def default_literal(field, swift):
    value = field.get("default")
    if value is None:
        return None
    if swift == "Bool":
        return value
    if swift in ("UInt8", "UInt16", "UInt32", "UInt64"):
        return group(int(value))
    return "." + camel(value)


# Fields written out even when they hold their default: RabbitMQ 4 reads a header without
# `durable` as durable, against the spec's default of false, so a transient message must say so.
ALWAYS_WRITTEN = {("header", "durable")}


class Field:
    def __init__(self, element, index, types, composite):
        self.spec = element.get("name")
        self.always_written = (composite, self.spec) in ALWAYS_WRITTEN
        self.name = camel(self.spec)
        self.index = index
        self.mandatory = element.get("mandatory") == "true"
        self.multiple = element.get("multiple") == "true"
        self.base = swift_type(element, types)
        self.default = default_literal(element, self.base)
        if self.multiple:
            assert self.base == "Symbol", self.spec
            self.type = "[Symbol]"
        elif self.mandatory or self.default is not None:
            self.type = self.base
        else:
            self.type = self.base + "?"
        described = element.get("type") if element.get("type") != "*" else element.get("requires")
        wire = primitive_of(element.get("type"), types)
        facts = [f"{described}, a {wire}" if wire and wire != described else described]
        if self.multiple:
            facts.append("multiple")
        if self.mandatory:
            facts.append("mandatory")
        if element.get("default") is not None:
            facts.append(f"default {element.get('default')}")
        self.doc = f"`{self.spec}` ({', '.join(facts)})."

    def parameter(self):
        if self.multiple:
            return f"{self.name}: {self.type}" + ("" if self.mandatory else " = []")
        if self.mandatory:
            return f"{self.name}: {self.type}"
        return f"{self.name}: {self.type} = {self.default or 'nil'}"

    def decode(self):
        args = f'{self.index}, "{self.spec}"'
        if self.multiple:
            return f"try fields.symbols({args}" + (", mandatory: true)" if self.mandatory else ")")
        if self.base == "[UInt8]":
            return f"try fields.{'requiredBinary' if self.mandatory else 'optionalBinary'}({args})"
        if self.mandatory:
            return f"try fields.required({args})"
        if self.default is not None:
            return f"try fields.optional({args}) ?? {self.default}"
        return f"try fields.optional({args})"

    def encode(self):
        if self.multiple:
            return f"Value(symbols: {self.name})"
        if self.base == "[UInt8]":
            return f".binary({self.name})" if self.mandatory else f"{self.name}.map {{ .binary($0) }} ?? .null"
        if self.mandatory:
            return f"{self.name}.fieldValue"
        if self.default is not None and not self.always_written:
            return f"{self.name} == {self.default} ? .null : {self.name}.fieldValue"
        if self.default is not None:
            return f"{self.name}.fieldValue"
        return f"{self.name}?.fieldValue ?? .null"


def header(source):
    return [f"// Generated by scripts/generate-amqp10.py from the AMQP 1.0 spec ({source}). Do not edit.", ""]


def composite(spec_name, element, source, types):
    swift = TYPES[spec_name][1]
    section, summary = SUMMARIES[spec_name]
    descriptor = element.find(NS + "descriptor")
    code = int(descriptor.get("code").split(":")[1], 16)
    fields = [Field(f, i, types, spec_name) for i, f in enumerate(element.findall(NS + "field"))]
    out = header(source)
    out.append(f"/// `{spec_name}` (spec {section}): {summary}.")
    out.append(f"public struct {swift}: Composite {{")
    out.append(f'    public static let typeName = "{spec_name}"')
    out.append(f"    public static let descriptorCode: UInt64 = 0x{code:02x}")
    out.append(f'    public static let descriptorName: Symbol = "{descriptor.get("name")}"')
    for field in fields:
        out += ["", f"    /// {field.doc}", f"    public var {field.name}: {field.type}"]
    out.append("")
    if fields:
        out.append(f"    /// {article(spec_name)} `{spec_name}` of these fields; those left out take their defaults.")
        out.append(f"    public init({', '.join(f.parameter() for f in fields)}) {{")
        out += [f"        self.{f.name} = {f.name}" for f in fields]
        out.append("    }")
        out.append("")
        out.append("    public init(fields: CompositeFields) throws(WireError) {")
        out.append("        self.init(")
        out.append(",\n".join(f"            {f.name}: {f.decode()}" for f in fields) + ")")
        out.append("    }")
        out.append("")
        out.append("    public var fields: [Value] {")
        out.append("        [")
        out += [f"            {f.encode()}," for f in fields]
        out.append("        ]")
        out.append("    }")
    else:
        out.append(f"    /// {article(spec_name)} `{spec_name}`, which has no fields.")
        out.append("    public init() {}")
        out.append("")
        out.append("    public init(fields: CompositeFields) {}")
        out.append("")
        out.append("    public var fields: [Value] { [] }")
    out.append("}")
    return swift, out


def article(name):
    return "An" if name[0] in "aeiou" else "A"


def restricted(spec_name, element, source):
    swift = TYPES[spec_name][1]
    section, summary = SUMMARIES[spec_name]
    base = PRIMITIVES[element.get("source")]
    raw = "String" if base == "Symbol" else base
    out = header(source)
    out.append(f"/// `{spec_name}` (spec {section}): {summary}.")
    out.append(f"public enum {swift}: {raw}, FieldCodable {{")
    for choice in element.findall(NS + "choice"):
        value = choice.get("value")
        literal = f'"{value}"' if raw == "String" else value
        out.append(f"    /// `{choice.get('name')}`.")
        out.append(f"    case {camel(choice.get('name'))} = {literal}")
    out.append("")
    out.append("    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {")
    if raw == "String":
        out.append("        let raw = try Symbol(fieldValue: fieldValue, field).text")
    else:
        out.append(f"        let raw = try {raw}(fieldValue: fieldValue, field)")
    out.append("        guard let choice = Self(rawValue: raw) else { throw .invalidValue(field, \"\\(raw)\") }")
    out.append("        self = choice")
    out.append("    }")
    out.append("")
    if raw == "String":
        out.append("    public var fieldValue: Value { .symbol(Symbol(rawValue)) }")
    else:
        out.append("    public var fieldValue: Value { rawValue.fieldValue }")
    out.append("}")
    return swift, out


# The restricted symbol types that list error conditions (spec 2.8.15-2.8.18), each a nested enum
# of ErrorCondition.
CONDITIONS = [
    ("amqp-error", "AMQP", "2.8.15", "conditions any endpoint may report"),
    ("connection-error", "Connection", "2.8.16", "conditions that close a connection"),
    ("session-error", "Session", "2.8.17", "conditions that end a session"),
    ("link-error", "Link", "2.8.18", "conditions that detach a link"),
]


def conditions(types):
    out = header("transport.xml")
    out.append("/// The error conditions the spec defines, as the symbols an `AMQPError` carries, grouped by")
    out.append("/// the type that defines them.")
    out.append("public enum ErrorCondition {")
    for index, (spec_name, swift, section, summary) in enumerate(CONDITIONS):
        if index:
            out.append("")
        out.append(f"    /// `{spec_name}` (spec {section}): {summary}.")
        out.append(f"    public enum {swift} {{")
        for choice in types[spec_name][0].findall(NS + "choice"):
            out.append(f"        /// `{choice.get('value')}`.")
            out.append(f'        public static let {camel(choice.get("name"))}: Symbol = "{choice.get("value")}"')
        out.append("    }")
    out.append("}")
    return out


def main():
    types = load()
    written = []
    for spec_name, (folder, _) in TYPES.items():
        element, source = types[spec_name]
        if element.get("class") == "composite":
            swift, lines = composite(spec_name, element, source, types)
        else:
            swift, lines = restricted(spec_name, element, source)
        directory = os.path.join(OUT, folder)
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, swift + ".swift")
        with open(path, "w") as file:
            file.write("\n".join(lines) + "\n")
        written.append(path)
    path = os.path.join(OUT, "Performatives", "ErrorCondition.swift")
    with open(path, "w") as file:
        file.write("\n".join(conditions(types)) + "\n")
    written.append(path)
    swift_format = shutil.which("swift") or "/opt/swift/usr/bin/swift"
    subprocess.run([swift_format, "format", "format", "--in-place", "--configuration",
                    os.path.join(ROOT, ".swift-format")] + written, check=True)
    print(f"wrote {len(written)} files under {OUT}")


main()
