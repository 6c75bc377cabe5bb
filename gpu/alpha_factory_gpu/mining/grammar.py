"""Formulas as token sequences (reverse Polish), the validity mask, and kernel-lib's canonical text.

Vocabulary: fields, constants, windows and operators. A formula is at most ``max_length`` tokens
(AlphaForge's max_len 20) followed by END. The stack grammar below makes every sequence the mask
allows a valid formula of kernel-lib's DSL:

- a field pushes a series ``S``; a constant pushes ``C`` and only on top of a series (so two
  constants never meet and no formula is constant);
- a window pushes ``W`` and only on top of a series; the next token must then be a rolling operator
  (``S W -> S``) or a pair operator (``S S W -> S``);
- a unary operator takes an ``S``; a binary operator takes the top two (at least one ``S``);
- ``cs_rank`` is only allowed as the outermost operator (then only END may follow): its values are
  multiples of 1 / m, and sums of them in another order than kernel-lib's running sums could break
  or make ties that change a RankIC; outermost, its output is bit-for-bit kernel-lib's (``sign`` and
  ``ts_rank`` are left out of the vocabulary for the same reason);
- END is allowed when the stack is exactly one ``S``;
- a token is allowed only if the formula can still be completed within ``max_length`` tokens.

Canonical form and printing follow kernel-lib/src/alpha/dsl (canonical.ts, printer.ts, syntax.ts)
for this operator subset, so the text written into the zoo is what ``canonicalFormula`` returns.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

# Operator subset evaluated identically by mining/evaluator.py and kernel-lib (see DESIGN notes there).
UNARY = ("abs", "log", "slog1p", "inv", "sqrt", "cs_zscore")
CLOSING = ("cs_rank",)
BINARY = ("add", "sub", "mul", "div", "max2", "min2")
ROLLING = ("delay", "delta", "ts_mean", "ts_sum", "ts_std", "ts_var", "ts_max", "ts_min", "ts_median", "ts_mad",
           "ts_pct", "ts_wma", "ts_ema")
PAIR = ("ts_corr", "ts_cov")

DEFAULT_FIELDS = ("open", "high", "low", "close", "volume", "vwap")
DEFAULT_CONSTANTS = (0.5, 1.0, 2.0)
DEFAULT_WINDOWS = (5, 10, 20, 30, 40)

END = "<end>"


@dataclass(frozen=True)
class Token:
    text: str
    kind: str  # end | field | const | window | unary | closing | binary | rolling | pair
    value: float = 0.0


@dataclass
class Node:
    """Formula tree node: kind 'number', 'field' or 'call' (same shape as kernel-lib's FormulaNode)."""
    kind: str
    value: float = 0.0
    name: str = ""
    op: str = ""
    args: list["Node"] = field(default_factory=list)


class Vocabulary:
    def __init__(self, fields=DEFAULT_FIELDS, constants=DEFAULT_CONSTANTS, windows=DEFAULT_WINDOWS,
                 unary=UNARY + CLOSING, binary=BINARY, rolling=ROLLING, pair=PAIR):
        toks = [Token(END, "end")]
        toks += [Token(f, "field") for f in fields]
        toks += [Token(format_number(float(c)), "const", float(c)) for c in constants]
        for w in windows:
            if int(w) != w or w < 2:
                raise ValueError(f"params.windows: every window must be an integer >= 2, got {w!r}")
        toks += [Token(str(int(w)), "window", float(w)) for w in windows]
        for op in unary:
            if op not in UNARY + CLOSING:
                raise ValueError(f"unknown unary operator {op!r} (supported: {', '.join(UNARY + CLOSING)})")
            toks.append(Token(op, "closing" if op in CLOSING else "unary"))
        for names, kind, allowed in ((binary, "binary", BINARY), (rolling, "rolling", ROLLING), (pair, "pair", PAIR)):
            for op in names:
                if op not in allowed:
                    raise ValueError(f"unknown {kind} operator {op!r} (supported: {', '.join(allowed)})")
                toks.append(Token(op, kind))
        if not fields:
            raise ValueError("the vocabulary needs at least one field")
        self.tokens = toks
        self.index = {t.text + "/" + t.kind: i for i, t in enumerate(toks)}
        self.size = len(toks)

    def __len__(self) -> int:
        return self.size


class GrammarState:
    """Stack of item types ('S', 'C', 'W') of one partial formula."""

    __slots__ = ("stack", "n", "closed", "done")

    def __init__(self):
        self.stack: list[str] = []
        self.n = 0
        self.closed = False
        self.done = False


def _need(stack: list[str], closed: bool) -> int:
    """Fewest further tokens (END not counted) that complete a formula from this stack."""
    if closed:
        return 0
    if not stack:
        return 1
    if stack[-1] == "W":
        best = 1 + _need(stack[:-2] + ["S"], False)
        if len(stack) >= 3 and stack[-3] == "S":
            best = min(best, 1 + _need(stack[:-3] + ["S"], False))
        return best
    return len(stack) - 1


def _apply(stack: list[str], tok: Token) -> list[str] | None:
    """The stack after tok, or None when tok is not allowed here."""
    top = stack[-1] if stack else None
    k = tok.kind
    if top == "W" and k not in ("rolling", "pair"):
        return None
    if k == "field":
        return stack + ["S"]
    if k == "const":
        return stack + ["C"] if top == "S" else None
    if k == "window":
        if top != "S":
            return None
        return stack + ["W"]
    if k == "unary":
        return stack[:-1] + ["S"] if top == "S" else None
    if k == "closing":
        return ["S"] if stack == ["S"] else None
    if k == "binary":
        if len(stack) < 2 or stack[-2] == "W" or (stack[-1] == "C" and stack[-2] == "C"):
            return None
        return stack[:-2] + ["S"]
    if k in ("rolling", "pair"):
        if top != "W":
            return None
        need = 2 if k == "rolling" else 3
        if len(stack) < need + 0 or any(s != "S" for s in stack[-need:-1]):
            return None
        return stack[:-need] + ["S"]
    return None


def allowed(state: GrammarState, vocab: Vocabulary, max_length: int) -> list[bool]:
    """Mask over the vocabulary: which tokens may come next."""
    if state.done:
        return [t.kind == "end" for t in vocab.tokens]
    out = []
    left = max_length - state.n - 1  # tokens left after this one
    for tok in vocab.tokens:
        if tok.kind == "end":
            out.append(state.closed or state.stack == ["S"])
            continue
        if state.closed or left < 0:
            out.append(False)
            continue
        if tok.kind in ("rolling", "pair"):
            w = state.stack[-1] if state.stack else None
            if w != "W":
                out.append(False)
                continue
        new = _apply(state.stack, tok)
        if new is None:
            out.append(False)
            continue
        closed = tok.kind == "closing"
        out.append(_need(new, closed) <= left)
    return out


def step(state: GrammarState, tok: Token) -> None:
    if tok.kind == "end":
        state.done = True
        return
    new = _apply(state.stack, tok)
    if new is None:
        raise ValueError(f"token {tok.text!r} is not allowed after stack {state.stack}")
    state.stack = new
    state.n += 1
    if tok.kind == "closing":
        state.closed = True


def mask_for(tokens_so_far: list[Token], vocab: Vocabulary, max_length: int) -> list[bool]:
    st = GrammarState()
    for t in tokens_so_far:
        step(st, t)
    return allowed(st, vocab, max_length)


def to_tree(tokens: list[Token]) -> Node:
    """Build the tree of a complete RPN sequence (END optional)."""
    stack: list[Node | float] = []
    for t in tokens:
        if t.kind == "end":
            break
        if t.kind == "field":
            stack.append(Node("field", name=t.text))
        elif t.kind == "const":
            stack.append(Node("number", value=t.value))
        elif t.kind == "window":
            stack.append(t.value)
        elif t.kind in ("unary", "closing"):
            stack.append(Node("call", op=t.text, args=[stack.pop()]))
        elif t.kind == "binary":
            b, a = stack.pop(), stack.pop()
            stack.append(Node("call", op=t.text, args=[a, b]))
        elif t.kind == "rolling":
            w, a = stack.pop(), stack.pop()
            stack.append(Node("call", op=t.text, args=[a, Node("number", value=float(w))]))
        elif t.kind == "pair":
            w, b, a = stack.pop(), stack.pop(), stack.pop()
            stack.append(Node("call", op=t.text, args=[a, b, Node("number", value=float(w))]))
    if len(stack) != 1 or not isinstance(stack[0], Node):
        raise ValueError("token sequence is not one formula")
    return stack[0]


# ---------------------------------------------------------------- printing (kernel-lib printer.ts)

_BIN = {"add": ("+", 5, "left"), "sub": ("-", 5, "left"), "mul": ("*", 6, "left"), "div": ("/", 6, "left")}
_PREFIX = {"neg": "-"}
_PREFIX_PREC = 7
_ATOM = 100


def format_number(v: float) -> str:
    """JavaScript's String(v) for the numbers the miner writes."""
    if math.isnan(v):
        return "nan"
    if v == int(v) and abs(v) < 1e21:
        return str(int(v))
    r = repr(float(v))
    if "e" in r:  # JS writes 1e-7 and 1e+21, Python 1e-07 and 1e+21
        mant, exp = r.split("e")
        e = int(exp)
        return f"{mant}e{'+' if e > 0 else '-'}{abs(e)}"
    return r


def _print(n: Node) -> tuple[str, int]:
    if n.kind == "number":
        return format_number(n.value), (_PREFIX_PREC if n.value < 0 else _ATOM)
    if n.kind == "field":
        return n.name, _ATOM
    if n.op in _BIN and len(n.args) == 2:
        sym, prec, assoc = _BIN[n.op]
        lt, lp = _print(n.args[0])
        rt, rp = _print(n.args[1])
        l_need = lp < prec or (lp == prec and assoc != "left")
        r_need = rp < prec or (rp == prec and assoc != "right")
        return f"{'(' + lt + ')' if l_need else lt} {sym} {'(' + rt + ')' if r_need else rt}", prec
    if n.op in _PREFIX and len(n.args) == 1:
        at, ap = _print(n.args[0])
        need = ap < _PREFIX_PREC or (ap == _PREFIX_PREC and at.startswith("-"))
        return f"{_PREFIX[n.op]}{'(' + at + ')' if need else at}", _PREFIX_PREC
    return f"{n.op}({', '.join(_print(a)[0] for a in n.args)})", _ATOM


def format_formula(n: Node) -> str:
    return _print(n)[0]


# ---------------------------------------------------------------- canonical form (kernel-lib canonical.ts)

_AC = {"add", "mul", "max2", "min2"}
_COMMUTATIVE = {"ts_corr": 2, "ts_cov": 2}


def _negate(n: Node) -> Node:
    if n.kind == "number":
        return Node("number", value=-n.value)
    if n.kind == "call" and n.op == "neg" and len(n.args) == 1:
        return n.args[0]
    return Node("call", op="neg", args=[n])


def _sorted_by_text(nodes: list[Node]) -> list[Node]:
    return [n for _, n in sorted(((format_formula(n), n) for n in nodes), key=lambda p: p[0])]


def canonical(n: Node) -> Node:
    if n.kind == "number":
        return Node("number", value=n.value)
    if n.kind == "field":
        return Node("field", name=n.name)
    args = [canonical(a) for a in n.args]
    name = n.op
    if name == "mul" and len(args) == 2:
        a, b = args
        if a.kind == "number" and a.value == -1:
            return _negate(b)
        if b.kind == "number" and b.value == -1:
            return _negate(a)
    if name == "neg" and len(args) == 1:
        return _negate(args[0])
    if name in _AC:
        flat: list[Node] = []

        def collect(x: Node) -> None:
            if x.kind == "call" and x.op == name and len(x.args) == 2:
                for y in x.args:
                    collect(y)
            else:
                flat.append(x)

        for a in args:
            collect(a)
        s = _sorted_by_text(flat)
        acc = s[0]
        for x in s[1:]:
            acc = Node("call", op=name, args=[acc, x])
        return acc
    k = _COMMUTATIVE.get(name, 0)
    if k > 1:
        args = _sorted_by_text(args[:k]) + args[k:]
    return Node("call", op=name, args=args)


def canonical_text(n: Node) -> str:
    return format_formula(canonical(n))


def negated(n: Node) -> Node:
    """The canonical tree of -n (kernel-lib's miner enters a negative-IC formula as its negation)."""
    return canonical(Node("call", op="neg", args=[n]))
