"""Formulas as token sequences (reverse Polish), the validity mask, and kernel-lib's canonical text.

Vocabulary: fields, constants, windows and operators. A formula is at most ``max_length`` tokens
(AlphaForge's max_len 20) followed by END. The stack grammar below makes every sequence the mask
allows a valid formula of kernel-lib's DSL:

- a field pushes a series (``X``, see below); a constant pushes ``C`` and only on top of a series (so two
  constants never meet and no formula is constant);
- a window pushes ``W`` and only on top of a series; the next token must then be a rolling operator
  (series W -> series) or a pair operator (series series W -> series);
- a unary operator takes a series; a binary operator takes the top two (at least one series);
- ``sign``, ``ts_rank`` and ``cs_rank`` make ties (their values are a few exact numbers: -1, 0, 1;
  multiples of 1 / 2d; multiples of 1 / 2m). A tie that tiny rounding differences upstream make or
  break changes a RankIC, so these operators are exact only on operands that are bit-for-bit
  kernel-lib's, and their ties survive only operators that are. The grammar therefore types each
  series as exact (``X``: fields and ``EXACT`` operators of exact operands -- IEEE-correctly
  rounded elementwise arithmetic, abs, inv, element selection and lags, which the device
  computes as kernel-lib does) or not (``S``: sums in another order, sqrt, log, pow, moments...). A
  tie-making operator is allowed only while every series on the stack is exact, and once one is
  in the formula only ``EXACT`` and tie-making operators may follow, so the whole formula is
  bit-for-bit kernel-lib's and so are its ties;
- ``cs_rank`` on a non-exact series is still allowed as the outermost operator (then only END may
  follow): its output is bit-for-bit kernel-lib's ranks of the value, like a RankIC of it;
- ``pow`` takes a constant exponent only (``S C -> S``): a series exponent (close ^ volume) makes
  magnitudes near the double range where kernel-lib's running sums and the device's overflow or
  underflow at different cells;
- END is allowed when the stack is exactly one series;
- a token is allowed only if the formula can still be completed within ``max_length`` tokens.

Canonical form and printing follow kernel-lib/src/alpha/dsl (canonical.ts, printer.ts, syntax.ts)
for this operator subset, so the text written into the zoo is what ``canonicalFormula`` returns.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

# Operator subset evaluated identically by mining/evaluator.py and kernel-lib (see DESIGN notes there).
UNARY = ("abs", "log", "slog1p", "inv", "sqrt", "cs_zscore", "sign")
CLOSING = ("cs_rank",)
BINARY = ("add", "sub", "mul", "div", "max2", "min2", "pow")
ROLLING = ("delay", "delta", "ts_mean", "ts_sum", "ts_std", "ts_var", "ts_max", "ts_min", "ts_median", "ts_mad",
           "ts_pct", "ts_wma", "ts_ema", "ts_rank")
PAIR = ("ts_corr", "ts_cov")

# Bit-for-bit kernel-lib's on the device given bit-identical operands (one correctly rounded IEEE
# operation per cell in the same order, or a selected / lagged input value), and the tie makers.
# Not sqrt: torch's CPU sqrt is not correctly rounded (about 1% of values differ from Math.sqrt in
# the last bit).
EXACT = frozenset(("abs", "inv", "add", "sub", "mul", "div", "max2", "min2", "delay", "delta", "ts_max",
                   "ts_min", "ts_pct", "neg"))
TIE_MAKERS = frozenset(("sign", "ts_rank", "cs_rank"))

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
        # a formula holding a tie maker completes with exact binary / rolling operators only
        self.exact_binary = any(t.kind == "binary" and t.text in EXACT for t in toks)
        self.exact_rolling = any(t.kind == "rolling" and t.text in EXACT | TIE_MAKERS for t in toks)
        self.index = {t.text + "/" + t.kind: i for i, t in enumerate(toks)}
        self.size = len(toks)

    def __len__(self) -> int:
        return self.size


class GrammarState:
    """Stack of item types of one partial formula: 'X' exact series, 'S' other series, 'C', 'W';
    ``tied`` once a tie-making operator is in the formula."""

    __slots__ = ("stack", "n", "closed", "done", "tied")

    def __init__(self):
        self.stack: list[str] = []
        self.n = 0
        self.closed = False
        self.done = False
        self.tied = False


_SERIES = ("S", "X")
_INF = 1 << 30


def _need(stack: list[str], closed: bool, tied: bool = False, vocab: "Vocabulary | None" = None) -> int:
    """Fewest further tokens (END not counted) that complete a formula from this stack."""
    if closed:
        return 0
    if not stack:
        return 1
    if stack[-1] == "W":
        if tied and vocab is not None and not vocab.exact_rolling:
            return _INF
        best = 1 + _need(stack[:-2] + ["X"], False, tied, vocab)
        if not tied and len(stack) >= 3 and stack[-3] in _SERIES:
            best = min(best, 1 + _need(stack[:-3] + ["S"], False, tied, vocab))
        return best
    if tied and len(stack) > 1 and vocab is not None and not vocab.exact_binary:
        return _INF
    return len(stack) - 1


def _apply(stack: list[str], tok: Token, tied: bool = False) -> tuple[list[str], bool, bool] | None:
    """(stack, closed, tied) after tok, or None when tok is not allowed here."""
    top = stack[-1] if stack else None
    k = tok.kind
    if top == "W" and k not in ("rolling", "pair"):
        return None
    op = tok.text
    all_exact = "S" not in stack
    if k in ("unary", "closing", "binary", "rolling", "pair"):
        if op in TIE_MAKERS:
            if not all_exact and not (k == "closing" and stack == ["S"]):
                return None
        elif op not in EXACT and tied:
            return None
    if k == "field":
        return stack + ["X"], False, tied
    if k == "const":
        return (stack + ["C"], False, tied) if top in _SERIES else None
    if k == "window":
        if top not in _SERIES:
            return None
        return stack + ["W"], False, tied
    if k in ("unary", "closing"):
        if top not in _SERIES:
            return None
        if op in TIE_MAKERS:
            if all_exact:
                return stack[:-1] + ["X"], False, True
            return ["S"], True, tied  # cs_rank outermost on a non-exact series
        return stack[:-1] + [top if op in EXACT else "S"], False, tied
    if k == "binary":
        if len(stack) < 2 or stack[-2] == "W" or (stack[-1] == "C" and stack[-2] == "C"):
            return None
        if op == "pow" and not (stack[-1] == "C" and stack[-2] in _SERIES):
            return None
        exact = op in EXACT and "S" not in stack[-2:]
        return stack[:-2] + ["X" if exact else "S"], False, tied
    if k in ("rolling", "pair"):
        if top != "W":
            return None
        need = 2 if k == "rolling" else 3
        if len(stack) < need or any(s not in _SERIES for s in stack[-need:-1]):
            return None
        if op in TIE_MAKERS:
            return stack[:-need] + ["X"], False, True
        exact = op in EXACT and "S" not in stack[-need:-1]
        return stack[:-need] + ["X" if exact else "S"], False, tied
    return None


def _one_series(stack: list[str]) -> bool:
    return len(stack) == 1 and stack[0] in _SERIES


def allowed(state: GrammarState, vocab: Vocabulary, max_length: int) -> list[bool]:
    """Mask over the vocabulary: which tokens may come next."""
    if state.done:
        return [t.kind == "end" for t in vocab.tokens]
    out = []
    left = max_length - state.n - 1  # tokens left after this one
    for tok in vocab.tokens:
        if tok.kind == "end":
            out.append(state.closed or _one_series(state.stack))
            continue
        if state.closed or left < 0:
            out.append(False)
            continue
        if tok.kind in ("rolling", "pair"):
            w = state.stack[-1] if state.stack else None
            if w != "W":
                out.append(False)
                continue
        new = _apply(state.stack, tok, state.tied)
        if new is None:
            out.append(False)
            continue
        stack, closed, tied = new
        out.append(_need(stack, closed, tied, vocab) <= left)
    return out


def step(state: GrammarState, tok: Token) -> None:
    if tok.kind == "end":
        state.done = True
        return
    new = _apply(state.stack, tok, state.tied)
    if new is None:
        raise ValueError(f"token {tok.text!r} is not allowed after stack {state.stack}")
    state.stack, state.closed, state.tied = new
    state.n += 1


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

_BIN = {"add": ("+", 5, "left"), "sub": ("-", 5, "left"), "mul": ("*", 6, "left"), "div": ("/", 6, "left"),
        "pow": ("^", 8, "right")}
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
        r_need = rp < _PREFIX_PREC if n.op == "pow" else rp < prec or (rp == prec and assoc != "right")
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
