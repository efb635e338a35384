#!/usr/bin/env python3
"""Generate src/gotypes/src/schema.rs: the Go struct model of core/v1 Container, Pod and Node (and
every type reachable from them), for every kubectl minor 1.27 ... 1.36 at once.

Each struct field carries the minors whose k8s.io/api knows it (`since`, `until`): kubectl's
compiled types drop unknown keys, so a field added in 1.31 is ignored by kubectl 1.30, and a
field whose Go type changed appears once per type. The `--custom` decoder uses the Container
part (index 0); the typed check of a target object (`src/typed/`) uses Pod and Node.

Input: one schema per minor, written by tests/conformance/oracle/gen_proto_schema.py from the
k8s.io/api and k8s.io/apimachinery tag each kubectl binary was built with, into DIR/<minor>.json:

    A=<git dir of kubernetes/api>; M=<git dir of kubernetes/apimachinery>
    for t in 27.16 28.15 29.14 30.13 31.9 32.5 33.1 34.10 35.7 36.3; do
      python3 tests/conformance/oracle/gen_proto_schema.py --api-repo $A --api-ref v0.$t \
          --apimachinery-repo $M --apimachinery-ref v0.$t -o DIR/${t%%.*}.json; done

Usage: python3 tools/gen_schema.py DIR > src/gotypes/src/schema.rs   (run from the crate root)
"""
import json
import os
import sys

MINORS = list(range(27, 37))
ROOTS = ["core.Container", "core.Pod", "core.Node"]
SPECIAL = {
    "resource.Quantity": "K::Quantity",
    "intstr.IntOrString": "K::IntOrString",
    "meta.Time": "K::Time",
    "meta.FieldsV1": "K::Any",
}
BASIC = {"string": "K::Str", "bool": "K::Bool", "int32": "K::I32", "int64": "K::I64"}

src = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
by_minor = {m: json.load(open(os.path.join(src, "%d.json" % m))) for m in MINORS}
sources = {m: s["source"]["k8s.io/api"] for m, s in by_minor.items()}


def field_key(f):
    return (f["json"], json.dumps(f["type"], sort_keys=True), f["inline"])


def union_struct(name):
    """The fields of struct `name` over every minor, in Go order, each with its minors."""
    order = []  # field keys, newest declaration order first, removed fields kept in place
    info = {}
    present = {}
    for m in reversed(MINORS):
        td = by_minor[m]["types"].get(name)
        if not td:
            continue
        if td["kind"] != "struct":
            sys.exit("%s is not a struct in 1.%d" % (name, m))
        prev = None
        for f in td["fields"]:
            if f.get("skip_json"):
                continue
            k = field_key(f)
            present.setdefault(k, set()).add(m)
            if k not in info:
                info[k] = f
                order.insert(order.index(prev) + 1 if prev in order else 0, k)
            prev = k
    out = []
    for k in order:
        ms = sorted(present[k])
        if ms != list(range(ms[0], ms[-1] + 1)):
            sys.exit("%s.%s: minors %s are not contiguous" % (name, k[0], ms))
        since = 0 if ms[0] == MINORS[0] else ms[0]
        until = 255 if ms[-1] == MINORS[-1] else ms[-1] + 1
        out.append((info[k], since, until))
    return out


def type_def(name):
    for m in reversed(MINORS):
        td = by_minor[m]["types"].get(name)
        if td:
            return td
    sys.exit("unknown type " + name)


def go_name(ty):
    k = ty["k"]
    if k == "basic":
        return ty["name"]
    if k == "named":
        pkg, name = ty["name"].split(".")
        return {"core": "v1", "meta": "v1"}.get(pkg, pkg) + "." + name
    if k == "ptr":
        return "*" + go_name(ty["elem"])
    if k == "slice":
        return "[]" + go_name(ty["elem"])
    if k == "map":
        return "map[" + go_name(ty["key"]) + "]" + go_name(ty["val"])
    sys.exit("unknown kind " + k)


table = []  # (go type string, kind expr)
index = {}
fields = []
struct_fields = {}  # type index -> (first field index, union fields)


def type_id(ty):
    key = json.dumps(ty, sort_keys=True)
    if key in index:
        return index[key]
    idx = len(table)
    index[key] = idx
    table.append(None)
    k = ty["k"]
    name = go_name(ty)
    if k == "basic":
        if ty["name"] not in BASIC:
            sys.exit("unsupported basic type " + ty["name"])
        kind = BASIC[ty["name"]]
    elif k == "ptr":
        kind = "K::Ptr(%d)" % type_id(ty["elem"])
    elif k == "slice":
        kind = "K::Slice(%d)" % type_id(ty["elem"])
    elif k == "map":
        kind = "K::Map(%d)" % type_id(ty["val"])
    elif ty["name"] in SPECIAL:
        kind = SPECIAL[ty["name"]]
    else:
        td = type_def(ty["name"])
        if td["kind"] == "alias":
            kind = table[type_id(td["type"])][1]
        elif td["kind"] == "struct":
            fs = union_struct(ty["name"])
            start = len(fields)
            fields.extend([None] * len(fs))
            for i, (f, since, until) in enumerate(fs):
                flags = [n for n, on in (("OMIT", f["omitempty"]), ("INLINE", f["inline"])) if on]
                if ty["name"] == "core.Container" and (since or until != 255) and not f["omitempty"]:
                    # The --custom encoder writes every non-omitempty field of Container.
                    sys.exit("Container.%s is versioned but not omitempty" % f["json"])
                fields[start + i] = '    GoField { json: "%s", ty: %d, flags: %s, since: %d, until: %d },' % (
                    f["json"], type_id(f["type"]), "|".join(flags) or "0", since, until)
            kind = "K::Struct(%d, %d)" % (start, len(fs))
            struct_fields[idx] = (start, fs)
        else:
            sys.exit("unsupported " + ty["name"])
    # A pointer's name is never printed (Go names the type it points to).
    table[idx] = ("" if k == "ptr" else name, kind)
    return idx


roots = [type_id({"k": "named", "name": r}) for r in ROOTS]
assert roots[0] == 0


def promoted(t, depth=0):
    """Go's visible fields of struct type `t` (embedded structs' fields promoted):
    (json, field index, depth, since, until)."""
    start, fs = struct_fields[t]
    out = []
    for i, (f, since, until) in enumerate(fs):
        if f["inline"]:
            out.extend(promoted(type_id(f["type"]), depth + 1))
        else:
            out.append((f["json"], start + i, depth, since, until or 255))
    return out


# Per struct, its visible fields sorted by json name's length, then bytes (a binary search that
# compares lengths first and bytes only among names of the key's length). Go hides a deeper
# field behind a shallower one of the same name; a name repeats at one depth only where its Go
# type changed between minors (one entry per type, their minors disjoint).
by_name = []
names = {}
for t in sorted(struct_fields):
    vis = promoted(t)
    keep = []
    for n in sorted(set(v[0] for v in vis)):
        same = [v for v in vis if v[0] == n]
        top = min(v[2] for v in same)
        same = [v for v in same if v[2] == top]
        for a in same:
            for b in same:
                if a is not b and a[3] < b[4] and b[3] < a[4]:
                    sys.exit("ambiguous field %s in %s" % (n, table[t][0]))
        keep.extend(same)
    vis = sorted(keep, key=lambda v: (len(v[0].encode()), v[0].encode(), v[1]))
    names[t] = (len(by_name), len(vis))
    by_name.extend(v[1] for v in vis)
out = sys.stdout
out.write("//! GENERATED by `tools/gen_schema.py` from the k8s.io/api types of kubectl 1.%d ... 1.%d\n"
          % (MINORS[0], MINORS[-1]))
out.write("//! (%s): the Go struct model of core/v1 `Container`, `Pod` and `Node`. Do not edit by hand.\n\n"
          % ", ".join(sources[m] for m in MINORS))
out.write("use crate::{GoField, GoKind, GoType, INLINE, OMIT};\n\n")
for r, i in zip(ROOTS, roots):
    out.write("/// `v1.%s`.\npub const %s: u16 = %d;\n" % (r.split(".")[1], r.split(".")[1].upper(), i))
out.write("\n/// Every Go type reachable from the roots above.\n")
out.write("pub static TYPES: [GoType; %d] = [\n" % len(table))
for i, (name, kind) in enumerate(table):
    out.write('    GoType { name: "%s", kind: %s, names: (%d, %d) }, // %d\n' % ((name, kind) + names.get(i, (0, 0)) + (i,)))
out.write("];\n\n/// Struct fields in Go declaration order (`GoKind::Struct(start, len)` slices this); a field\n"
          "/// exists for kubectl minors `since..until` (0 and 255: no bound).\n")
out.write("pub static FIELDS: [GoField; %d] = [\n" % len(fields))
out.write("\n".join(fields) + "\n];\n")
out.write("\n/// Each struct's visible fields (its own and promoted ones) sorted by json name, as indices\n"
          "/// into `FIELDS` (`GoType::names` slices this).\n")
out.write("pub static BY_NAME: [u16; %d] = [\n" % len(by_name))
for i in range(0, len(by_name), 16):
    out.write("    " + " ".join("%d," % x for x in by_name[i:i + 16]) + "\n")
out.write("];\n")
