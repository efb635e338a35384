#!/usr/bin/env python3
"""Count the file-level import cycles of the Rust sources (issue 12 item 3).

Each `src/**/*.rs` file is a node; a path `crate::…`, `super::…` or `self::…` in the file
(in a `use` tree or inline in code, comments and strings removed) is an edge to the file
that defines the longest module prefix of the path. A `mod x;` declaration is not an edge.
The skim crate (src/skim/src) is its own crate with its own `crate::` root.

Prints each cycle (each strongly connected component of more than one file) and the count;
`--max N` exits 1 when there are more than N. `--modules` counts cycles between the crate's
top-level modules instead, unit tests left out (`src/custom/**` is one node, `src/smp/**`
another; the skim crate is one node).

    python3 tools/import_cycles.py [--modules] [--max 2] [ROOT]
"""
import os
import re
import sys


def strip_comments_and_strings(text):
    """The text with comments, strings and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    if text[i] == "\n":
                        out.append("\n")
                    i += 1
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'r(#*)"', text[i:])
            end = '"' + m.group(1)
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(" " + "\n" * text.count("\n", i, j))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(" " + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:])
            if m:
                out.append(" ")
                i += m.end()
            else:  # a lifetime
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def expand_use_tree(tree):
    """`a::{b, c::{d, e}}` → ['a::b', 'a::c::d', 'a::c::e']."""
    tree = re.sub(r"\s+", "", tree)
    tree = re.sub(r"\bas\w+", "", tree)  # `as x` (whitespace already gone: `asx`)

    def split_top(s):
        parts, depth, cur = [], 0, ""
        for ch in s:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        if cur:
            parts.append(cur)
        return parts

    def expand(s):
        k = s.find("{")
        if k < 0:
            return [s]
        prefix, inner = s[:k], s[k + 1:s.rfind("}")]
        return [prefix + p for part in split_top(inner) for p in expand(part)]

    return expand(tree)


def module_files(src):
    """{module path tuple: file} for the crate rooted at src (lib.rs)."""
    mods = {}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d != "skim"] if dirpath == src else dirnames
        for f in filenames:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)
            parts = rel[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            mods[tuple(parts)] = os.path.join(dirpath, f)
    return mods


def edges_of(path, module, mods, root_label):
    text = strip_comments_and_strings(open(path, encoding="utf-8").read())
    # Inline modules: `mod name {` opens a scope in which `super` means the enclosing module.
    scopes = []  # (depth at which the inline module's body starts, name)
    depth = 0
    found = []
    token = re.compile(r"\bmod\s+(\w+)\s*\{|\buse\s+([^;]*);|\b((?:crate|super|self)(?:\s*::\s*\w+)+)|[{}]")
    for m in token.finditer(text):
        s = m.group(0)
        if s == "{":
            depth += 1
            continue
        if s == "}":
            depth -= 1
            while scopes and scopes[-1][0] > depth:
                scopes.pop()
            continue
        cur = list(module) + [name for _, name in scopes]
        if m.group(1):
            depth += 1
            scopes.append((depth, m.group(1)))
            continue
        paths = expand_use_tree(m.group(2)) if m.group(2) else [re.sub(r"\s+", "", m.group(3))]
        for p in paths:
            segs = [x for x in p.split("::") if x]
            if not segs:
                continue
            if segs[0] == "crate":
                base, segs = [], segs[1:]
            elif segs[0] in ("super", "self"):
                base = list(cur)
                while segs and segs[0] in ("super", "self"):
                    if segs[0] == "super":
                        base = base[:-1]
                    segs = segs[1:]
            else:
                continue  # external crates, std, relative paths (declared children)
            full = base + segs
            for k in range(len(full), -1, -1):
                target = mods.get(tuple(full[:k]))
                if target:
                    if target != path:
                        found.append(target)
                    break
    return found


def sccs(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def collapse(graph):
    """The graph between top-level modules: `src/custom/model.rs` → `custom`."""
    def top(path):
        parts = path.split(os.sep)
        if parts[:2] == ["src", "skim"]:
            return "skim"
        name = parts[1] if len(parts) > 1 else parts[0]
        return name[:-3] if name.endswith(".rs") else name

    def is_test(path):
        name = os.path.basename(path)
        return name == "tests.rs" or name.endswith("_tests.rs") or f"{os.sep}tests{os.sep}" in path

    out = {}
    for a, targets in graph.items():
        if is_test(a):
            continue
        out.setdefault(top(a), set()).update(top(b) for b in targets if top(b) != top(a))
    return out


def main():
    args = sys.argv[1:]
    limit = None
    if "--max" in args:
        k = args.index("--max")
        limit = int(args[k + 1])
        del args[k:k + 2]
    modules = "--modules" in args
    if modules:
        args.remove("--modules")
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    graph = {}
    for src in (os.path.join(root, "src"), os.path.join(root, "src", "skim", "src")):
        mods = module_files(src)
        for module, path in mods.items():
            rel = os.path.relpath(path, root)
            graph.setdefault(rel, set()).update(
                os.path.relpath(t, root) for t in edges_of(path, module, mods, src))
    if modules:
        graph = collapse(graph)
    cycles = [c for c in sccs(graph) if len(c) > 1]
    for c in sorted(cycles):
        print("cycle: " + " ↔ ".join(c))
    print(f"{len(cycles)} {'module' if modules else 'file'}-level import cycles")
    if limit is not None and len(cycles) > limit:
        sys.exit(1)


if __name__ == "__main__":
    main()
