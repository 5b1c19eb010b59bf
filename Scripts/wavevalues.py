"""WAVE values for wasmtime-py 50: read a WAVE text against a component value type, and write one back.

WAVE is the value syntax of DESIGN.md ("Values and types, written down"): `42`, `-1`, `1.5`, `nan`, `inf`,
`'x'`, `"hi"`, `[1, 2]`, `(1, "a")`, `{a: 1, b: "x"}`, `circle(1.5)`, `red`, `some(3)`, `none`, `ok("x")`,
`err(1)`, `{read, write}`; `%` escapes a label that is a keyword. Types are wasmtime-py's
`wasmtime.component` value types (as `FuncType.params` and `FuncType.result` report them), and values are
the Python values wasmtime-py passes and returns (ints, floats, `str`, `bytes` for `list<u8>`, tuples,
`Record`, `Variant` or the bare payload for variant-like types, sets of flag names, `ResourceAny`).

Resources have no WAVE literal. Observation files name the handles the host holds `@1`, `@2`, ... in the
order the host receives them (Docs/observations.md); `Handles` keeps that numbering.

Used by Scripts/record-wasmtime.py and Scripts/alter-observations.py. Knows nothing of cmref.
"""
from __future__ import annotations

import ctypes
import math
import unicodedata
from typing import Any, Dict, List, Optional, Tuple

import wasmtime.component as C

KEYWORDS = {"true", "false", "some", "none", "ok", "err", "inf", "nan"}

INT_RANGES = {
    C.U8: (0, 2**8 - 1), C.U16: (0, 2**16 - 1), C.U32: (0, 2**32 - 1), C.U64: (0, 2**64 - 1),
    C.S8: (-2**7, 2**7 - 1), C.S16: (-2**15, 2**15 - 1), C.S32: (-2**31, 2**31 - 1), C.S64: (-2**63, 2**63 - 1),
}


class WaveError(Exception):
    """A WAVE text that does not read as a value of the expected type; `pos` is the character offset."""

    def __init__(self, message: str, pos: int):
        super().__init__(f"at offset {pos}: {message}")
        self.pos = pos


class Handles:
    """The resource handles the host holds, named `@1`, `@2`, ... in the order they were received."""

    def __init__(self) -> None:
        self.by_name: Dict[int, Any] = {}
        self.count = 0

    def receive(self, res: Any) -> int:
        self.count += 1
        self.by_name[self.count] = res
        return self.count

    def get(self, n: int, pos: int) -> Any:
        if n not in self.by_name:
            raise WaveError(f"no handle @{n} is held (moved, dropped, or never received)", pos)
        return self.by_name[n]

    def take(self, n: int, pos: int) -> Any:
        res = self.get(n, pos)
        del self.by_name[n]
        return res


def type_name(ty: Any) -> str:
    """The type in the component text format's syntax (for messages and for documentation)."""
    simple = {C.Bool: "bool", C.U8: "u8", C.U16: "u16", C.U32: "u32", C.U64: "u64", C.S8: "s8", C.S16: "s16",
              C.S32: "s32", C.S64: "s64", C.F32: "f32", C.F64: "f64", C.Char: "char", C.String: "string"}
    for k, v in simple.items():
        if isinstance(ty, k):
            return v
    if isinstance(ty, C.ListType):
        return f"(list {type_name(ty.element)})"
    if isinstance(ty, C.TupleType):
        return "(tuple " + " ".join(type_name(t) for t in ty.elements) + ")"
    if isinstance(ty, C.RecordType):
        return "(record " + " ".join(f'(field "{n}" {type_name(t)})' for n, t in ty.fields) + ")"
    if isinstance(ty, C.VariantType):
        return "(variant " + " ".join(f'(case "{n}"' + (f" {type_name(t)})" if t is not None else ")")
                                      for n, t in ty.cases) + ")"
    if isinstance(ty, C.EnumType):
        return "(enum " + " ".join(f'"{n}"' for n in ty.names) + ")"
    if isinstance(ty, C.FlagsType):
        return "(flags " + " ".join(f'"{n}"' for n in ty.names) + ")"
    if isinstance(ty, C.OptionType):
        return f"(option {type_name(ty.payload)})"
    if isinstance(ty, C.ResultType):
        parts = []
        if ty.ok is not None:
            parts.append(type_name(ty.ok))
        if ty.err is not None:
            parts.append(f"(error {type_name(ty.err)})")
        return "(result" + "".join(" " + p for p in parts) + ")"
    if isinstance(ty, C.OwnType):
        return "(own resource)"
    if isinstance(ty, C.BorrowType):
        return "(borrow resource)"
    return type(ty).__name__


def cases_of(ty: Any) -> List[Tuple[str, Any]]:
    """The cases of a variant-like type (variant, option, result) as (label, payload type or None)."""
    if isinstance(ty, C.OptionType):
        return [("none", None), ("some", ty.payload)]
    if isinstance(ty, C.ResultType):
        return [("ok", ty.ok), ("err", ty.err)]
    return list(ty.cases)


def is_variant_like(ty: Any) -> bool:
    return isinstance(ty, (C.VariantType, C.OptionType, C.ResultType))


# ---------------------------------------------------------------------------------------------------------
# Reading


class Reader:
    """Reads WAVE values from `text`, one typed value at a time."""

    def __init__(self, text: str, handles: Optional[Handles] = None):
        self.s = text
        self.i = 0
        self.handles = handles or Handles()

    def fail(self, msg: str) -> WaveError:
        return WaveError(msg, self.i)

    def space(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1

    def peek(self) -> str:
        self.space()
        return self.s[self.i] if self.i < len(self.s) else ""

    def accept(self, c: str) -> bool:
        if self.peek() == c:
            self.i += 1
            return True
        return False

    def expect(self, c: str) -> None:
        if not self.accept(c):
            got = self.peek() or "end of text"
            raise self.fail(f"expected '{c}', found '{got}'")

    def at_end(self) -> bool:
        return self.peek() == ""

    def word(self) -> str:
        self.space()
        start = self.i
        while self.i < len(self.s) and (self.s[self.i].isalnum() or self.s[self.i] in "-_.+%"):
            self.i += 1
        if self.i == start:
            raise self.fail(f"expected a word, found '{self.peek() or 'end of text'}'")
        return self.s[start:self.i]

    def label(self) -> str:
        w = self.word()
        return w[1:] if w.startswith("%") else w

    def quoted(self, q: str) -> str:
        self.space()
        if self.i >= len(self.s) or self.s[self.i] != q:
            raise self.fail(f"expected {q}")
        self.i += 1
        out = []
        while True:
            if self.i >= len(self.s):
                raise self.fail("unterminated literal")
            c = self.s[self.i]
            self.i += 1
            if c == q:
                return "".join(out)
            if c != "\\":
                out.append(c)
                continue
            if self.i >= len(self.s):
                raise self.fail("unterminated escape")
            e = self.s[self.i]
            self.i += 1
            simple = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", '"': '"'}
            if e in simple:
                out.append(simple[e])
            elif e == "u":
                self.expect("{")
                start = self.i
                while self.i < len(self.s) and self.s[self.i] in "0123456789abcdefABCDEF":
                    self.i += 1
                digits = self.s[start:self.i]
                self.expect("}")
                v = int(digits, 16) if digits else -1
                if not (0 <= v <= 0x10FFFF) or 0xD800 <= v <= 0xDFFF:
                    raise self.fail(f"\\u{{{digits}}} is not a Unicode scalar value")
                out.append(chr(v))
            else:
                raise self.fail(f"unknown escape \\{e}")

    def value(self, ty: Any) -> Any:
        """One value of type `ty`, as wasmtime-py takes it."""
        for k, (lo, hi) in INT_RANGES.items():
            if isinstance(ty, k):
                w = self.word()
                try:
                    v = int(w, 10)
                except ValueError:
                    raise self.fail(f"not an integer: {w}")
                if not lo <= v <= hi:
                    raise self.fail(f"{w} is out of range for {type_name(ty)}")
                return v
        if isinstance(ty, C.Bool):
            w = self.word()
            if w not in ("true", "false"):
                raise self.fail(f"expected true or false, found {w}")
            return w == "true"
        if isinstance(ty, (C.F32, C.F64)):
            w = self.word()
            table = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
            if w in table:
                return table[w]
            try:
                v = float(w)
            except ValueError:
                raise self.fail(f"not a number: {w}")
            if math.isinf(v) or math.isnan(v):
                raise self.fail(f"write infinities and NaN as inf, -inf, nan: {w}")
            return v
        if isinstance(ty, C.Char):
            s = self.quoted("'")
            if len(s) != 1:
                raise self.fail("a char is one Unicode scalar value")
            return s
        if isinstance(ty, C.String):
            return self.quoted('"')
        if isinstance(ty, C.ListType):
            el = ty.element
            self.expect("[")
            items = []
            if not self.accept("]"):
                while True:
                    if self.peek() == "]":
                        break
                    items.append(self.value(el))
                    if not self.accept(","):
                        break
                self.expect("]")
            return bytes(items) if isinstance(el, C.U8) else items
        if isinstance(ty, C.TupleType):
            self.expect("(")
            items = []
            for n, t in enumerate(ty.elements):
                if n:
                    self.expect(",")
                items.append(self.value(t))
            self.accept(",")
            self.expect(")")
            return tuple(items)
        if isinstance(ty, C.RecordType):
            fields = ty.fields
            self.expect("{")
            got: Dict[str, Any] = {}
            if not self.accept("}"):
                while True:
                    if self.peek() == "}":
                        break
                    name = self.label()
                    ft = dict(fields).get(name)
                    if ft is None:
                        raise self.fail(f"no field {name} in {type_name(ty)}")
                    if name in got:
                        raise self.fail(f"field {name} given twice")
                    self.expect(":")
                    got[name] = self.value(ft)
                    if not self.accept(","):
                        break
                self.expect("}")
            rec = C.Record()
            for name, ft in fields:
                if name in got:
                    setattr(rec, name, got[name])
                elif isinstance(ft, C.OptionType):
                    setattr(rec, name, to_variant_like(ft, "none", None))
                else:
                    raise self.fail(f"missing field {name}")
            return rec
        if is_variant_like(ty):
            cases = cases_of(ty)
            name = self.label() if isinstance(ty, C.VariantType) else self.word()
            for label, pt in cases:
                if label != name:
                    continue
                payload = None
                if pt is not None:
                    self.expect("(")
                    payload = self.value(pt)
                    self.expect(")")
                return to_variant_like(ty, label, payload)
            raise self.fail(f"no case {name} in {type_name(ty)}")
        if isinstance(ty, C.EnumType):
            name = self.label()
            if name not in ty.names:
                raise self.fail(f"no case {name} in {type_name(ty)}")
            return name
        if isinstance(ty, C.FlagsType):
            names = ty.names
            self.expect("{")
            got_flags = set()
            if not self.accept("}"):
                while True:
                    if self.peek() == "}":
                        break
                    f = self.label()
                    if f not in names:
                        raise self.fail(f"no flag {f} in {type_name(ty)}")
                    got_flags.add(f)
                    if not self.accept(","):
                        break
                self.expect("}")
            return got_flags
        if isinstance(ty, C.OwnType):
            n = self.handle()
            return self.handles.take(n, self.i)
        if isinstance(ty, C.BorrowType):
            n = self.handle()
            return self.handles.get(n, self.i)
        raise self.fail(f"values of {type_name(ty)} have no WAVE form here")

    def handle(self) -> int:
        self.expect("@")
        w = self.word()
        if not w.isdigit():
            raise self.fail(f"a handle is @ and a number, found @{w}")
        return int(w)


def to_variant_like(ty: Any, label: str, payload: Any) -> Any:
    """The Python value wasmtime-py takes for case `label` of a variant, option or result."""
    if ty._tagged():
        return C.Variant(label, payload)
    return payload


def parse(text: str, ty: Any, handles: Optional[Handles] = None) -> Any:
    r = Reader(text, handles)
    v = r.value(ty)
    if not r.at_end():
        raise r.fail("unexpected text after the value")
    return v


# ---------------------------------------------------------------------------------------------------------
# Writing


def show_label(name: str) -> str:
    return "%" + name if name in KEYWORDS else name


def show_text(s: str, q: str) -> str:
    out = [q]
    for c in s:
        o = ord(c)
        if c == q or c == "\\":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or (c.isspace() and c != " "):
            out.append("\\u{%x}" % o)
        else:
            out.append(c)
    out.append(q)
    return "".join(out)


def show_float(v: float, bits: int) -> str:
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if bits == 64:
        r = repr(v)
    else:
        # the shortest decimal that reads back as the same f32
        r = repr(v)
        for p in range(1, 18):
            cand = "%.*g" % (p, v)
            if ctypes.c_float(float(cand)).value == v:
                r = cand
                break
    if "e" in r:
        mant, exp = r.split("e")
        e = int(exp)
        r = f"{mant}e{e}"
    if r.endswith(".0"):
        r = r[:-2]
    return r


def variant_case(ty: Any, v: Any) -> Tuple[str, Any, Any]:
    """(label, payload type, payload) of a value wasmtime-py returned for a variant, option or result."""
    cases = cases_of(ty)
    if ty._tagged():
        for label, pt in cases:
            if label == v.tag:
                return label, pt, v.payload
        raise ValueError(f"wasmtime returned case {v.tag} not in {type_name(ty)}")
    if v is None:
        for label, pt in cases:
            if pt is None:
                return label, None, None
    # untagged: the payload's Python class picks the case; exact classes first (bool is an int)
    for exact in (True, False):
        for label, pt in cases:
            if pt is None:
                continue
            classes: set = set()
            pt.add_classes(classes)
            if (type(v) in classes) if exact else isinstance(v, tuple(classes)):
                return label, pt, v
    raise ValueError(f"cannot tell the case of {v!r} in {type_name(ty)}")


def show(v: Any, ty: Any, handles: Optional[Handles] = None) -> str:
    """The WAVE text of `v`, a value wasmtime-py returned at type `ty`. Own handles are numbered in `handles`."""
    if isinstance(ty, C.Bool):
        return "true" if v else "false"
    if isinstance(ty, tuple(INT_RANGES)):
        return str(int(v))
    if isinstance(ty, C.F32):
        return show_float(v, 32)
    if isinstance(ty, C.F64):
        return show_float(v, 64)
    if isinstance(ty, C.Char):
        return show_text(v, "'")
    if isinstance(ty, C.String):
        return show_text(v, '"')
    if isinstance(ty, C.ListType):
        el = ty.element
        return "[" + ", ".join(show(x, el, handles) for x in v) + "]"
    if isinstance(ty, C.TupleType):
        return "(" + ", ".join(show(x, t, handles) for x, t in zip(v, ty.elements)) + ")"
    if isinstance(ty, C.RecordType):
        return "{" + ", ".join(f"{show_label(n)}: {show(getattr(v, n), t, handles)}" for n, t in ty.fields) + "}"
    if is_variant_like(ty):
        label, pt, payload = variant_case(ty, v)
        # option's and result's cases are the keywords themselves; a variant's labels are escaped
        name = show_label(label) if isinstance(ty, C.VariantType) else label
        if pt is None:
            return name
        return f"{name}({show(payload, pt, handles)})"
    if isinstance(ty, C.EnumType):
        return show_label(v)
    if isinstance(ty, C.FlagsType):
        return "{" + ", ".join(show_label(n) for n in ty.names if n in v) + "}"
    if isinstance(ty, (C.OwnType, C.BorrowType)):
        if handles is None:
            raise ValueError("a resource handle needs a handle table")
        return f"@{handles.receive(v)}"
    raise ValueError(f"no WAVE form for {type_name(ty)}")
