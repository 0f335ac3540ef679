#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the ABI comparison program for include/public/.

Usage: gen-compare.py <TOP>/include [CC] > compare.c

Preprocesses every header under <include>/public (gcc -E -dD), takes from
the result every object-like #define, enum constant, typedef and
struct/union (with every field, nested ones included), and writes one C file
that prints a "kind name value" line for each: sizes, alignments, offsets,
field sizes and signedness, constant values (with signedness and size).
Compiled with -DSHOJI it includes our headers, without it Debian's
<xen/...>; the two outputs must be identical.

A macro whose value is not an expression (a type or member name, an
initializer list) would fail to compile; such macros are listed in SKIP
with the reason, and extras.h checks what they stand for instead.
"""

import os
import re
import subprocess
import sys

# Object-like macros that are not values. Each is checked some other way.
SKIP = {
    "xen_wc_sec_hi": "member name; shared_info.wc_sec_hi is checked",
    "xen_vga_console_info": "struct tag alias; the struct is checked",
    "xen_vga_console_info_t": "typedef alias; the typedef is checked",
    "GNTTABOP_error_msgs": "initializer list; extras.h prints it",
}

SCALAR_WORDS = {"char", "short", "int", "long", "signed", "unsigned",
                "_Bool"}
# Padding we spell out where Xen leaves a hole (STYLE.md section 1). The
# offsets of the fields around it, and the struct size, are still compared.
PAD = re.compile(r'_xpad\d*$')
QUALIFIERS = {"const", "volatile", "static", "extern", "inline",
              "__inline__", "__extension__", "register"}


def preprocess(incdir, cc):
    pub = os.path.join(incdir, "public")
    hdrs = []
    for root, _, files in os.walk(pub):
        for f in files:
            if f.endswith(".h"):
                hdrs.append(os.path.relpath(os.path.join(root, f), incdir))
    # xen.h first: some of Debian's headers only work after it.
    hdrs.sort(key=lambda h: (h != "public/xen.h", h))
    src = "".join('#include "%s"\n' % h for h in hdrs)
    out = subprocess.run([cc, "-std=gnu11", "-E", "-dD", "-I", incdir,
                          "-x", "c", "-"], input=src, capture_output=True,
                         text=True, check=True).stdout
    return hdrs, pub, out


def split_ours(pub, text):
    """Return (macros in order, code text) that come from our headers."""
    macros = {}
    order = []
    code = []
    ours = False
    pubreal = os.path.realpath(pub)
    for line in text.splitlines():
        m = re.match(r'# \d+ "([^"]*)"', line)
        if m:
            path = os.path.realpath(m.group(1)) if m.group(1)[0] != '<' \
                else m.group(1)
            ours = path.startswith(pubreal + os.sep)
            continue
        if not ours:
            continue
        m = re.match(r'#define (\w+)(\(?)(.*)', line)
        if m:
            name, fn, val = m.group(1), m.group(2), m.group(3).strip()
            if not fn:
                if name not in macros:
                    order.append(name)
                macros[name] = val
            continue
        m = re.match(r'#undef (\w+)', line)
        if m:
            macros.pop(m.group(1), None)
            continue
        if line.startswith("#"):
            continue
        code.append(line)
    names = [n for n in order if n in macros and macros[n] != ""]
    return names, "\n".join(code)


TOKEN = re.compile(r'\s*(?:([A-Za-z_]\w*)|(0[xX][0-9a-fA-F]+\w*|\d\w*)|'
                   r'("(?:\\.|[^"\\])*")|(\'(?:\\.|[^\'\\])*\')|'
                   r'(->|<<|>>|[{}()\[\];,=*+\-~!&|<>?:/%.^]))')


def tokenize(code):
    toks = []
    pos = 0
    code = code.rstrip()
    while pos < len(code):
        m = TOKEN.match(code, pos)
        if not m:
            raise SystemExit("gen-compare: cannot tokenize at: %r"
                             % code[pos:pos + 40])
        toks.append(m.group(m.lastindex))
        pos = m.end()
    return toks


class Agg:
    def __init__(self, kind, tag):
        self.kind, self.tag, self.members = kind, tag, []


class Parser:
    def __init__(self, toks):
        self.t, self.i = toks, 0
        self.aggs = []          # tagged struct/union definitions
        self.typedefs = []      # (name, base, ptr, dims)
        self.enums = []         # enum constant names
        self.scalar_types = set()

    def peek(self, k=0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def take(self, want=None):
        tok = self.t[self.i]
        if want is not None and tok != want:
            raise SystemExit("gen-compare: expected %r, got %r near %r"
                             % (want, tok, self.t[self.i - 5:self.i + 5]))
        self.i += 1
        return tok

    def skip_balanced(self, open_, close):
        depth = 0
        while True:
            tok = self.take()
            if tok == open_:
                depth += 1
            elif tok == close:
                depth -= 1
                if depth == 0:
                    return

    def skip_attributes(self):
        while self.peek() in ("__attribute__", "__attribute"):
            self.take()
            self.skip_balanced("(", ")")

    def type_spec(self):
        """Parse a type specifier; return an Agg, ('enum',) or a string."""
        self.skip_attributes()
        while self.peek() in QUALIFIERS:
            self.take()
        tok = self.peek()
        if tok in ("struct", "union"):
            kind = self.take()
            self.skip_attributes()
            tag = None
            if self.peek() not in ("{",):
                tag = self.take()
            if self.peek() == "{":
                agg = Agg(kind, tag)
                self.body(agg)
                if tag:
                    self.aggs.append(agg)
                return agg
            return "%s %s" % (kind, tag)
        if tok == "enum":
            self.take()
            tag = None
            if self.peek() != "{":
                tag = self.take()
            if self.peek() == "{":
                self.enum_body()
            return "enum %s" % tag if tag else "int"
        words = []
        while self.peek() not in (None, "*", ";", ",", "(", "[", "=") and \
                re.match(r'[A-Za-z_]\w*$', self.peek()):
            # The last identifier is the declarator unless the type so far
            # is made only of scalar keywords.
            nxt = self.peek(1)
            if words and nxt in (";", ",", "[", "=", ")", ":") and \
                    self.peek() not in SCALAR_WORDS:
                break
            words.append(self.take())
        words = [w for w in words if w not in QUALIFIERS]
        return " ".join(words)

    def enum_body(self):
        self.take("{")
        while self.peek() != "}":
            self.enums.append(self.take())
            if self.peek() == "=":
                depth = 0
                while not (depth == 0 and self.peek() in (",", "}")):
                    tok = self.take()
                    depth += tok == "("
                    depth -= tok == ")"
            if self.peek() == ",":
                self.take()
        self.take("}")

    def declarator(self):
        ptr = 0
        while self.peek() in ("*", "const", "volatile"):
            ptr += self.take() == "*"
        name = self.take()
        dims = []
        while self.peek() == "[":
            self.take()
            d = []
            while self.peek() != "]":
                d.append(self.take())
            self.take("]")
            dims.append(" ".join(d))
        self.skip_attributes()
        if self.peek() == "=":
            depth = 0
            while not (depth == 0 and self.peek() in (",", ";")):
                tok = self.take()
                depth += tok in ("(", "{", "[")
                depth -= tok in (")", "}", "]")
        return name, ptr, dims

    def body(self, agg):
        self.take("{")
        while self.peek() != "}":
            base = self.type_spec()
            if self.peek() == ";":
                self.take()
                agg.members.append((None, base, 0, []))
                continue
            while True:
                name, ptr, dims = self.declarator()
                agg.members.append((name, base, ptr, dims))
                if self.peek() == ",":
                    self.take()
                    continue
                self.take(";")
                break
        self.take("}")
        self.skip_attributes()

    def is_scalar(self, base):
        if isinstance(base, Agg):
            return False
        words = base.split()
        if all(w in SCALAR_WORDS for w in words):
            return True
        if len(words) == 1 and re.match(r'u?int(8|16|32|64|ptr)_t$', base):
            return True
        return len(words) == 1 and base in self.scalar_types

    def top(self):
        while self.i < len(self.t):
            if self.peek() == ";":
                self.take()
                continue
            typedef = False
            while self.peek() in QUALIFIERS or self.peek() == "typedef":
                typedef |= self.take() == "typedef"
            base = self.type_spec()
            if self.peek() == ";":
                self.take()
                continue
            while True:
                name, ptr, dims = self.declarator()
                if self.peek() == "(":
                    raise SystemExit("gen-compare: function %s in a public "
                                     "header" % name)
                if typedef:
                    self.typedefs.append((name, base, ptr, dims))
                    if ptr == 0 and not dims and self.is_scalar(base):
                        self.scalar_types.add(name)
                if self.peek() == ",":
                    self.take()
                    continue
                self.take(";")
                break


def type_expr(agg):
    return "%s %s" % (agg.kind, agg.tag)


def emit_fields(p, out, texpr, agg, prefix, nested):
    for name, base, ptr, dims in agg.members:
        if name is None:            # anonymous struct/union: same prefix
            emit_fields(p, out, texpr, base, prefix, nested)
            continue
        if PAD.match(name):         # our explicit padding; Xen's is implicit
            continue
        path = prefix + name
        flex = any(d == "" for d in dims)
        out.append('\tPO("%s", %s, %s);' % (texpr, texpr, path))
        if not flex:
            out.append('\tPF("%s", %s, %s);' % (texpr, texpr, path))
        elem = path + "[0]" * len(dims)
        if ptr == 0 and p.is_scalar(base):
            out.append('\tPS("%s", %s, %s);' % (texpr, texpr, elem))
        if ptr == 0 and isinstance(base, Agg):
            if base.tag and base not in nested:
                nested.append(base)
            emit_fields(p, out, texpr, base, elem + ".", nested)


def main():
    incdir = sys.argv[1]
    cc = sys.argv[2] if len(sys.argv) > 2 else "gcc"
    hdrs, pub, text = preprocess(incdir, cc)
    macros, code = split_ours(pub, text)
    p = Parser(tokenize(code))
    p.top()

    body = []
    body.append("\t/* typedefs */")
    for name, base, ptr, dims in p.typedefs:
        body.append('\tPT("%s", %s);' % (name, name))
        if ptr == 0 and not dims and p.is_scalar(base):
            body.append('\tPSIGN("%s", %s);' % (name, name))
    body.append("\t/* structs and unions, with every field */")
    done = []
    queue = list(p.aggs)
    for name, base, ptr, dims in p.typedefs:
        if isinstance(base, Agg) and not base.tag and \
                not name.startswith("__guest_handle_"):
            queue.append((name, base))
    while queue:
        item = queue.pop(0)
        texpr, agg = (item if isinstance(item, tuple)
                      else (type_expr(item), item))
        if texpr in done:
            continue
        done.append(texpr)
        body.append('\tPT("%s", %s);' % (texpr, texpr))
        nested = []
        emit_fields(p, body, texpr, agg, "", nested)
        queue.extend(nested)
    body.append("\t/* enum constants */")
    for e in p.enums:
        body.append('\tPE("%s", %s);' % (e, e))
    body.append("\t/* object-like macros */")
    for m in macros:
        if m in SKIP:
            body.append("\t/* %s skipped: %s */" % (m, SKIP[m]))
            continue
        body.append('\tPV("%s", %s);' % (m, m))

    w = sys.stdout.write
    w("/* Generated by tests/interop/headers/gen-compare.py; do not edit. */\n")
    w("#include <errno.h>\n#include <stddef.h>\n#include <stdint.h>\n"
      "#include <stdio.h>\n#include <string.h>\n\n#ifdef SHOJI\n")
    for h in hdrs:
        w('#include "%s"\n' % h)
    w("#else\n")
    for h in hdrs:
        w("#include <xen/%s>\n" % h[len("public/"):])
    w("#endif\n\n#include \"compare-helpers.h\"\n\n"
      "int main(void)\n{\n")
    w("\n".join(body))
    w("\n\textras();\n\treturn 0;\n}\n")
    sys.stderr.write("gen-compare: %d headers, %d types, %d typedefs, "
                     "%d enum constants, %d macros (%d skipped)\n"
                     % (len(hdrs), len(done), len(p.typedefs), len(p.enums),
                        len(macros), len([m for m in macros if m in SKIP])))


if __name__ == "__main__":
    main()
