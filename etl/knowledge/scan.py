"""Faster scanning for the rules' big alternations, with exactly the matches of ``re``.

Python's ``re`` skips ahead in C only when every alternative of a pattern starts with a
character it can tell case-insensitively without help: one English alternative such as
``\\bside effects?\\b`` in a list of Chinese cue words (rules are matched with ``re.I``) turns
that off, and the engine then tries all thirty alternatives at every character of a page.

:func:`accelerate` reads which characters can start a match (the pattern's "first set") from
the parsed pattern and returns a :class:`Scanner`: it finds the candidate positions with a
one-class "scout" regex and tries the pattern there with ``match`` (on a short text, where a
loop over candidates in Python costs more, ``re`` searches on from the first candidate, and
a text without any candidate costs one scan in C). Where the pattern says which characters
can follow each first one (``比(?:传统|其他)``: 传 or 其 after 比), the scout checks that too, with
a lookbehind and a lookahead in the same C-level scan: in Chinese text a first character such
as 有 or 治 is common, a first pair much less so. An alternative that starts with ``^`` makes
the scout stop at each line start too (``(?m:[...]|^)``; such a scout always goes through the
loop), and a ``(?i:...)`` group lists its letters in both cases. A match found at a position
is the same match ``search`` finds there (lookbehinds, ``\\b`` and ``^`` see the text before
``pos`` in both), and no match can start at a character outside the first set, so ``search``
and ``finditer`` give the same matches as the plain pattern. Patterns whose first set is not
a short list of characters (``\\w``, ``.``, a negated class, a wide range) or that can match the
empty string stay plain ``re.Pattern`` objects, and so do those ``re`` already skips ahead for.

Many patterns over one long text (the source-type cues over a whole page) are first sorted by
:class:`Prefilter`: :func:`literals` reads from each parsed pattern the strings one of which
every match must contain, and one Aho-Corasick pass over the text tells which patterns can
match at all; only those are searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MAX_RANGE = 128          # a class range wider than this (all of CJK) makes the scout useless
MAX_FIRST = 400          # ... and so do first sets of more characters than this
SHORT = 200              # a shorter text is scanned by re from its first candidate: a loop over candidates costs more
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, *(getattr(_c, n) for n in ("POSSESSIVE_REPEAT",) if hasattr(_c, n))}
_GROUPS = {_c.SUBPATTERN, *(getattr(_c, n) for n in ("ATOMIC_GROUP",) if hasattr(_c, n))}


class _Unbounded(Exception):
    """The first set is not a short list of characters."""


# ``\d`` in a first set: every Unicode decimal digit (some 700 code points in 70 blocks of ten), too
# many to list, but the scout can name the category itself: ``[\d...]`` is still one class that
# ``re`` skips to in C. Counted as ten characters against MAX_FIRST.
_DIGITS = (-1, 8)
# A match that starts with ``^`` (or ``\A``) can start where a line starts, whatever character
# follows: the scout then also stops at the start of each line (``(?m:^)``).
_LINE = (-2, -2)
_LINE_STARTS = {_c.AT_BEGINNING, _c.AT_BEGINNING_LINE, _c.AT_BEGINNING_STRING}
_LINES_ONLY = "(?m:^)"   # the scout of a pattern whose every alternative starts a line


def _first(seq: list, max_range: int = MAX_RANGE) -> tuple[set[tuple[int, int]], bool]:  # type: ignore[type-arg]
    """(code point ranges that can start a match of ``seq``, whether ``seq`` can match empty);
    a class range wider than ``max_range`` makes the set unbounded."""
    out: set[tuple[int, int]] = set()
    for op, av in seq:
        if op is _c.AT and av in _LINE_STARTS:
            out.add(_LINE)
            return out, False
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            out.add((av, av))
            return out, False
        if op is _c.IN:
            for item_op, item in av:
                if item_op is _c.LITERAL:
                    out.add((item, item))
                elif item_op is _c.RANGE and item[1] - item[0] <= max_range:
                    out.add(item)
                elif item_op is _c.CATEGORY and item is _c.CATEGORY_DIGIT:
                    out.add(_DIGITS)
                else:
                    raise _Unbounded  # a category, a negation or a wide range
            return out, False
        if op is _c.BRANCH:
            nullable = False
            for alt in av[1]:
                got, empty = _first(list(alt), max_range)
                out |= got
                nullable = nullable or empty
            if not nullable:
                return out, False
            continue
        if op in _GROUPS:
            sub = av[-1] if op is _c.SUBPATTERN else av   # an atomic group holds its pattern directly
            add = av[1] if op is _c.SUBPATTERN else 0
            if add & re.L:
                raise _Unbounded  # locale-dependent case: not listed here
            got, empty = _first(list(sub), max_range)
            if add & re.I:
                got = _case_closed(got)   # (?i:...) inside the pattern: its letters in both cases
            out |= got
            if not empty:
                return out, False
            continue
        if op in _REPEATS:
            lo, _hi, item = av
            got, empty = _first(list(item), max_range)
            out |= got
            if lo > 0 and not empty:
                return out, False
            continue
        raise _Unbounded  # ANY, NOT_LITERAL, backreferences, conditionals ...
    return out, True


# Characters beyond ASCII that ``re.I`` matches to an ASCII letter (tests/test_scan.py checks the table).
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _case_closed(ranges: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """``ranges`` and every character ``re.I`` matches to one of them (a cased letter beyond
    ASCII raises :class:`_Unbounded`: its case partners are not listed here)."""
    out: set[tuple[int, int]] = set()
    for a, b in ranges:
        if (a, b) in (_DIGITS, _LINE):   # \d, or a line start inside (?i:^…): no case to close
            out.add((a, b))
            continue
        for cp in range(a, b + 1):
            v = _variants(cp, True)
            if v is None:
                raise _Unbounded
            out.update((ord(c), ord(c)) for c in v)
    return out


def _variants(cp: int, ignore_case: bool) -> str | None:
    """The characters that match code point ``cp`` (None: a cased letter beyond ASCII)."""
    ch = chr(cp)
    if not ignore_case or (ch.lower() == ch and ch.upper() == ch):
        return ch
    if not ch.isascii():
        return None
    low = ch.lower()
    return low + low.upper() + _FOLDS.get(low, "")


def _scout(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    try:
        first, nullable = _first(list(_p.parse(rx.pattern, rx.flags)))
    except (_Unbounded, re.error, RecursionError):
        return None
    if nullable or not first or sum(b - a + 1 for a, b in first - {_LINE}) > MAX_FIRST:
        return None
    if first == {_DIGITS}:
        return None   # re tries a lone \d at each position in C faster than a scout's candidates in Python
    if _LINE in first:
        rest = _scout_class(first - {_LINE}, rx.flags)
        if rest is None:
            return re.compile(_LINES_ONLY)
        return re.compile(rf"(?m:{rest.pattern}|^)", rest.flags & (re.I | re.A))
    return _scout_class(first, rx.flags)


def _scout_class(first: set[tuple[int, int]], flags: int) -> re.Pattern[str] | None:
    """One character class of ``first`` (None when it is empty)."""
    if not first:
        return None
    body = _class(first, bool(flags & re.I))
    if body is not None:
        # Without re.I the scout is one plain character class, which re skips to in C.
        return re.compile(f"[{body}]")
    # A cased letter beyond ASCII: let re decide case-insensitively (slower, same result).
    digits = r"\d" if _DIGITS in first else ""   # the category, whatever the flags: a superset is safe
    items = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                    for a, b in sorted(first - {_DIGITS}))
    return re.compile(f"[{digits}{items}]", flags & (re.I | re.A | re.U))


# ---------------------------------------------------------------- a scout that also reads the second character

MAX_DEPTH = 60   # nested repeats of nullable items could expand forever: give up past this


def _second_set(rest: list) -> set[tuple[int, int]] | None:  # type: ignore[type-arg]
    """Characters that can start ``rest`` (the pattern after a match's first character); None
    when anything can (``rest`` can match empty, or starts with a class too wide to list)."""
    try:
        got, nullable = _first(rest)
    except (_Unbounded, RecursionError):
        return None
    if nullable or _LINE in got or sum(1 if r == _DIGITS else r[1] - r[0] + 1 for r in got) > MAX_FIRST:
        return None
    return got


def _pairs(seq: list, depth: int = 0) -> list[tuple[set[tuple[int, int]], set[tuple[int, int]] | None]]:  # type: ignore[type-arg]
    """(characters that can start a match, characters that can follow that first one) for each
    way ``seq`` (the rest of the whole pattern) can start. Raises :class:`_Unbounded` where
    :func:`_first` would, and when ``seq`` can match empty."""
    if depth > MAX_DEPTH:
        raise _Unbounded
    for k, (op, av) in enumerate(seq):
        rest = seq[k + 1:]
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL or op is _c.IN:
            first, _empty = _first([(op, av)])
            return [(first, _second_set(rest))]
        if op is _c.BRANCH:
            return [pair for alt in av[1] for pair in _pairs(list(alt) + rest, depth + 1)]
        if op in _GROUPS:
            if op is _c.SUBPATTERN and (av[1] or av[2]):
                raise _Unbounded
            return _pairs(list(av[-1] if op is _c.SUBPATTERN else av) + rest, depth + 1)
        if op in _REPEATS:
            lo, hi, item = av
            again = [] if hi == 1 else [(op, (max(lo - 1, 0), hi if hi == _c.MAXREPEAT else hi - 1, item))]
            out = _pairs(list(item) + again + rest, depth + 1)   # one turn of the item first
            return out + (_pairs(rest, depth + 1) if lo == 0 else [])
        raise _Unbounded
    raise _Unbounded   # nothing left to consume: the pattern can match empty


def _class(ranges: set[tuple[int, int]], ignore_case: bool) -> str | None:
    """The body of a character class holding ``ranges`` and their case variants (None: a cased
    letter beyond ASCII, which the explicit class cannot fold)."""
    digits = r"\d" if _DIGITS in ranges else ""
    chars: set[str] = set()
    for a, b in ranges - {_DIGITS}:
        for cp in range(a, b + 1):
            v = _variants(cp, ignore_case)
            if v is None:
                return None
            chars.update(v)
    return digits + "".join(re.escape(c) for c in sorted(chars))


def _scout2(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A scout that stops only where the first two characters can start a match:
    ``[first](?:(?<=[a])(?=[after a])|(?<=[b])(?=[after b])|(?<=[c]))``. It consumes one
    character, so no candidate hides another; the lookahead fails at ``endpos``, where a match
    needing a second character cannot end either. None when the second characters tell nothing
    (every first character may be followed by anything) or cannot be listed."""
    try:
        pairs = _pairs(list(_p.parse(rx.pattern, rx.flags)))
    except (_Unbounded, re.error, RecursionError):
        return None
    ignore_case = bool(rx.flags & re.I)
    # First character (a one-character range, or _DIGITS for \d) -> what may follow it. A digit
    # may be listed twice (1 and \d): the scout's branch then takes either, as re would.
    after: dict[tuple[int, int], set[tuple[int, int]] | None] = {}
    for first, second in pairs:
        for a, b in first:
            for key in [_DIGITS] if (a, b) == _DIGITS else [(cp, cp) for cp in range(a, b + 1)]:
                if key in after and after[key] is None:
                    continue
                after[key] = None if second is None else (after.get(key) or set()) | second
    if not after or len(after) > MAX_FIRST or all(v is None for v in after.values()):
        return None
    groups: dict[frozenset[tuple[int, int]] | None, set[tuple[int, int]]] = {}
    for key, second in after.items():
        groups.setdefault(None if second is None else frozenset(second), set()).add(key)
    every = _class(set(after), ignore_case)
    alts = []
    for second, firsts in sorted(groups.items(), key=lambda kv: kv[0] is None):
        f = _class(firsts, ignore_case)
        g = "" if second is None else _class(set(second), ignore_case)
        if f is None or g is None or every is None:
            return None
        alts.append(f"(?<=[{f}])" + ("" if second is None else f"(?=[{g}])"))
    return re.compile(f"[{every}](?:{'|'.join(alts)})")


class Scanner:
    """A compiled pattern whose ``search`` and ``finditer`` jump between candidate positions;
    everything else is the plain pattern's (``pattern``, ``match``, ``sub`` ...)."""

    __slots__ = ("_lines", "_scout", "regex")

    def __init__(self, regex: re.Pattern[str], scout: re.Pattern[str]) -> None:
        self.regex = regex
        self._scout = scout
        # A scout that stops at every line start finds one at 0: the loop tries the pattern
        # there and at the other candidates, where re would try every position of a short text.
        self._lines = scout.pattern == _LINES_ONLY or (scout.pattern.startswith("(?m:") and scout.pattern.endswith("|^)"))

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") or name in Scanner.__slots__:
            raise AttributeError(name)   # not set yet (unpickling) or not a pattern attribute
        return getattr(self.regex, name)

    def __reduce__(self) -> tuple:  # type: ignore[type-arg]
        return Scanner, (self.regex, self._scout)

    def __repr__(self) -> str:
        return f"Scanner({self.regex!r})"

    def __eq__(self, other: object) -> bool:
        return self.regex == (other.regex if isinstance(other, Scanner) else other)

    def __hash__(self) -> int:
        return hash(self.regex)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if end - pos < SHORT and not self._lines:
            # One C-level scan for the first candidate, then re from there: on a sentence without
            # any character that can start a match, the alternation is never tried.
            s = self._scout.search(text, pos, end)
            return None if s is None else self.regex.search(text, s.start(), end)
        return next(self._scan(text, pos, end), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        if end - pos < SHORT and not self._lines:
            s = self._scout.search(text, pos, end)
            return iter(()) if s is None else self.regex.finditer(text, s.start(), end)
        return self._scan(text, pos, end)

    def _scan(self, text: str, pos: int, end: int) -> Iterator[re.Match[str]]:
        # Every match is non-empty (the pattern cannot match empty), so the next one starts at or
        # after the end of the last; candidates inside a match are skipped.
        match = self.regex.match
        for s in self._scout.finditer(text, pos, end):
            at = s.start()
            if at < pos:
                continue
            m = match(text, at, end)
            if m is not None:
                yield m
                pos = m.end()

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list:  # type: ignore[type-arg]
        return self.regex.findall(text, pos, len(text) if endpos is None else endpos)


def accelerate(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx``, or a :class:`Scanner` with the same matches when a scout can skip ahead for it.

    Only patterns that ``re`` cannot skip ahead for are wrapped: the others are fast already.
    """
    if not _needs_help(rx):
        return rx
    scout = _scout(rx)
    if scout is None:
        return rx
    return Scanner(rx, _scout2(rx) or scout)  # type: ignore[return-value]


def plain_pattern(rx: object) -> re.Pattern[str]:
    """The ``re.Pattern`` under a :class:`Scanner` (or the pattern itself)."""
    return rx.regex if isinstance(rx, Scanner) else rx  # type: ignore[return-value]


def _needs_help(rx: re.Pattern[str]) -> bool:
    """True unless ``re`` itself starts the pattern with a literal prefix or a character set."""
    try:
        from re import _compiler as _comp
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_compile as _comp  # type: ignore[no-redef]
    try:
        parsed = _p.parse(rx.pattern, rx.flags)
        flags = parsed.state.flags
        if parsed.data and parsed.data[0][0] is _c.AT:
            return False  # anchored (^, \A, \b): re fails fast at each position
        prefix, _prefix_skip, _got_all = _comp._get_literal_prefix(parsed, flags)
        if prefix:
            return False
        return _comp._get_charset_prefix(parsed, flags) is None
    except Exception:
        return True


# ---------------------------------------------------------------- several patterns over one text

_COMBINED: dict[int, tuple[tuple, re.Pattern[str] | None]] = {}   # id(patterns) -> (patterns, alternation)


def _combine(patterns: tuple) -> re.Pattern[str] | None:  # type: ignore[type-arg]
    """One alternation of ``patterns`` (None when they cannot be joined without changing one)."""
    plain = [plain_pattern(p) for p in patterns]
    if not plain or len({p.flags for p in plain}) != 1:
        return None
    for p in plain:
        try:
            if _has_groupref(list(_p.parse(p.pattern, p.flags))):
                return None   # a numbered backreference would point at another group once joined
        except (re.error, RecursionError):
            return None
    try:
        joined = re.compile("|".join(f"(?:{p.pattern})" for p in plain), plain[0].flags)
    except (re.error, RecursionError):
        return None   # e.g. the same group name in two patterns
    return accelerate(joined)


def _has_groupref(seq: list) -> bool:  # type: ignore[type-arg]
    for op, av in seq:
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS, *(getattr(_c, n) for n in ("GROUPREF_IGNORE", "GROUPREF_UNI_IGNORE",
                                                                              "GROUPREF_LOC_IGNORE") if hasattr(_c, n))):
            return True
        if op is _c.BRANCH:
            if any(_has_groupref(list(alt)) for alt in av[1]):
                return True
        elif op in _GROUPS or op in _REPEATS or op in (_c.ASSERT, _c.ASSERT_NOT):
            sub = av if op in _GROUPS and op is not _c.SUBPATTERN else av[-1]
            if _has_groupref(list(sub)):
                return True
    return False


def first_start(patterns: tuple, text: str, pos: int = 0,  # type: ignore[type-arg]
                of: Callable[[Any], re.Pattern[str]] | None = None) -> int | None:
    """Where the leftmost match of any of ``patterns`` starts in ``text`` (from ``pos``), or None
    when none matches: one scan instead of one per pattern, and each pattern's own scan can start
    there (no match of any of them starts before it). ``pos`` itself when they cannot be joined.

    ``patterns`` must be a tuple kept alive by its owner (the compiled rules): it is cached by
    identity. ``of``: the pattern of each item when the items are entries holding one.
    """
    entry = _COMBINED.get(id(patterns))
    if entry is None or entry[0] is not patterns:
        entry = (patterns, _combine(tuple(map(of, patterns)) if of else patterns))
        _COMBINED[id(patterns)] = entry
    joined = entry[1]
    if joined is None:
        return pos
    m = joined.search(text, pos)
    return m.start() if m is not None else None


# ---------------------------------------------------------------- anchored alternatives, by first character

class StartDispatch:
    """``match`` of an alternation of named alternatives at the start of a text, trying only the
    alternatives that can match it: those whose first set holds the text's first character and
    one of whose needed literals the text contains.

    ``re`` tries every alternative of ``(?P<g0>…)|(?P<g1>…)|…`` in turn at position 0: with a
    hundred and fifty chrome patterns that was most of the cost of weighing a line. Each
    alternative's first set is read from the parsed pattern (as :func:`accelerate` does); an
    alternative without a short, known first set (``\\S``, ``.``, a negated class, one that may
    match empty or starts with ``^`` again) passes that test on every text. Then one
    :class:`Prefilter` pass over the text leaves out the alternatives none of whose
    :func:`literals` it holds (``\\S{0,10}客服…`` cannot match a line without 客服): on the
    benchmark pages about 35 of the 145 drop-line alternatives pass the first test and 4 the
    second. The alternation of those that pass keeps the alternatives' order, so the match (and
    ``lastgroup``) is the one the whole alternation gives.
    """

    def __init__(self, alternatives: list[tuple[str, str]], flags: int = 0) -> None:
        self.alternatives = alternatives          # (group name, pattern without its leading ^)
        self.flags = flags
        self.whole = re.compile("|".join(f"(?P<{g}>{p})" for g, p in alternatives), flags)
        self._firsts: list[set[tuple[int, int]] | None] = []
        for _g, p in alternatives:
            try:
                first, nullable = _first(list(_p.parse(p, flags)), max_range=0x10FFFF)  # a dict lookup: any width
            except (_Unbounded, re.error, RecursionError):
                first, nullable = set(), True
            self._firsts.append(None if nullable or not first or _LINE in first else first)
        self.filter = FilterView(Prefilter([re.compile(p, flags) for _g, p in alternatives]), 0, len(alternatives))
        self._by_char: dict[str, tuple[int, ...]] = {}
        self._joined = _Joined(alternatives, flags, self.whole)

    def _for(self, ch: str) -> int:
        cp = ord(ch)
        return _mask(i for i, first in enumerate(self._firsts) if first is None or any(
            (a <= cp <= b) if (a, b) != _DIGITS else ch.isdecimal() for a, b in first))

    def match(self, text: str) -> re.Match[str] | None:
        if not text:
            return self.whole.match(text)
        ch = text[0]
        try:
            keep = self._by_char[ch]
        except KeyError:
            keep = self._for(ch)
            if len(self._by_char) < MAX_CACHED:
                self._by_char[ch] = keep
        if keep:
            keep &= self.filter.mask(text)
        return self._joined.of(keep).match(text) if keep else None


class FilteredSearch:
    """``search`` of an alternation of named alternatives, trying only those that can match the
    text: one :class:`Prefilter` pass leaves out the alternatives none of whose literals the
    text holds. Among those left the leftmost match (and its ``lastgroup``) is the one the whole
    alternation finds, as the others cannot match anywhere in the text."""

    def __init__(self, alternatives: list[tuple[str, str]], flags: int = 0) -> None:
        self.alternatives = alternatives          # (group name, pattern)
        self.whole = accelerate(re.compile("|".join(f"(?P<{g}>{p})" for g, p in alternatives), flags))
        self.filter = FilterView(Prefilter([re.compile(p, flags) for _g, p in alternatives]), 0, len(alternatives))
        self._joined = _Joined(alternatives, flags, self.whole, fast=True)

    def search(self, text: str) -> re.Match[str] | None:
        keep = self.filter.mask(text)
        return self._joined.of(keep).search(text) if keep else None


def _mask(indices: Iterable[int]) -> int:
    out = 0
    for i in indices:
        out |= 1 << i
    return out


class FilterView:
    """The candidates among ``n`` patterns, numbered from ``offset`` in a (maybe shared)
    :class:`Prefilter`, as a bit mask (bit i: pattern i)."""

    __slots__ = ("_all", "offset", "prefilter")

    def __init__(self, prefilter: Prefilter, offset: int, n: int) -> None:
        self.prefilter, self.offset, self._all = prefilter, offset, (1 << n) - 1

    @property
    def n(self) -> int:
        return self._all.bit_length()

    def mask(self, text: str) -> int:
        return (self.prefilter.mask(text) >> self.offset) & self._all


def share_prefilter(dispatchers: Sequence[StartDispatch | FilteredSearch]) -> None:
    """Give ``dispatchers`` one :class:`Prefilter` over all their alternatives: the several rule sets
    tried on one line (drop, tail, between, meta ...) then read it with one Aho-Corasick pass,
    which :meth:`Prefilter.mask` keeps for the next set that asks about the same text."""
    patterns: list[re.Pattern[str]] = []
    spans = []
    for d in dispatchers:
        spans.append(len(patterns))
        patterns += d.filter.prefilter.patterns[d.filter.offset:d.filter.offset + d.filter.n]
    shared = Prefilter(patterns)
    for d, offset in zip(dispatchers, spans, strict=True):
        d.filter = FilterView(shared, offset, d.filter.n)


class GroupFilter:
    """Which of several groups of patterns (a rule's patterns, keyed by the rule) can match a text,
    from one :class:`Prefilter` pass over all of them: a group none of whose patterns has a
    literal in the text cannot match it. The pass is kept for the next group asked about the
    same text."""

    def __init__(self, groups: dict[str, Sequence[object]]) -> None:
        flat: list[object] = []
        self._bits: dict[str, int] = {}
        for key, patterns in groups.items():
            self._bits[key] = ((1 << len(patterns)) - 1) << len(flat)
            flat += list(patterns)
        self._prefilter = Prefilter(flat)

    def __contains__(self, key: str) -> bool:
        return key in self._bits

    def may_match(self, key: str, text: str) -> bool:
        return bool(self._prefilter.mask(text) & self._bits[key])


MEMO_TEXTS = 64     # texts whose prefilter answer a Prefilter keeps
MAX_CACHED = 4096   # first characters kept per dispatcher; past this, worked out each time
MAX_SUBSETS = 512   # compiled alternations of subsets kept per dispatcher (about 5 KB each)


FEW = 3             # a subset of at most this many alternatives is tried one alternative at a time, not compiled
COMPILE_AFTER = 64  # a larger subset is compiled when asked for this often; until then the whole alternation answers


class _Few:
    """The alternation of a few named alternatives, without compiling it: each alternative's own
    pattern ``(?P<name>…)``, tried in order. ``match`` (at 0) is the first alternative that
    matches, as the alternation's is; ``search`` is the leftmost match, the earlier alternative
    on a tie, as the alternation's is (at the leftmost start the alternation tries them in
    order, and one whose leftmost match starts later cannot match there). ``lastgroup`` is the
    alternative's name either way."""

    __slots__ = ("_patterns",)

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self._patterns = patterns

    def match(self, text: str) -> re.Match[str] | None:
        for rx in self._patterns:
            m = rx.match(text)
            if m is not None:
                return m
        return None

    def search(self, text: str) -> re.Match[str] | None:
        best = None
        for rx in self._patterns:
            m = rx.search(text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
                if not best.start():
                    break
        return best


class _Joined:
    """What answers for a subset of named alternatives (a bit mask) on a text whose other
    alternatives cannot match: a subset of at most FEW is tried one alternative at a time (each
    compiled once, when first needed); a larger one is answered by the whole alternation (the
    others cannot match, so its match is the subset's) until it has been asked for COMPILE_AFTER
    times, and then compiled once. Compiling every new subset (a few milliseconds each) was most
    of the parse CPU on varied pages: 1,046 dev and probe pages took 18.8 CPU s at f9d82b5, 4.0
    without it; on the benchmark's five repeated page types the same subsets come back and are
    compiled."""

    def __init__(self, alternatives: list[tuple[str, str]], flags: int, whole: re.Pattern[str],
                 fast: bool = False) -> None:
        self._alternatives, self._flags, self._fast = alternatives, flags, fast
        self._by_set: dict[int, re.Pattern[str]] = {(1 << len(alternatives)) - 1: whole}
        self._single: list[re.Pattern[str] | None] = [None] * len(alternatives)
        self._seen: dict[int, int] = {}   # larger subsets not compiled yet, and how often they were asked for

    def _one(self, i: int) -> re.Pattern[str]:
        rx = self._single[i]
        if rx is None:
            g, p = self._alternatives[i]
            rx = re.compile(f"(?P<{g}>{p})", self._flags)
            if self._fast:
                rx = accelerate(rx)
            self._single[i] = rx
        return rx

    def of(self, keep: int) -> re.Pattern[str] | _Few:
        if keep.bit_count() <= FEW:
            return _Few([self._one(i) for i in range(keep.bit_length()) if keep >> i & 1])
        rx = self._by_set.get(keep)
        if rx is None:
            seen = self._seen.get(keep, 0) + 1
            if seen < COMPILE_AFTER:
                if len(self._seen) >= MAX_SUBSETS:
                    self._seen.clear()
                self._seen[keep] = seen
                return self._by_set[(1 << len(self._alternatives)) - 1]
            self._seen.pop(keep, None)   # compiled from here on: its count is no longer needed
            rx = re.compile("|".join(f"(?P<{g}>{p})" for i, (g, p) in enumerate(self._alternatives) if keep >> i & 1),
                            self._flags)
            if self._fast:
                rx = accelerate(rx)
            if len(self._by_set) >= MAX_SUBSETS:
                # a corpus whose lines call for ever new subsets: start over (about 5 KB each), keeping the whole
                whole = self._by_set[(1 << len(self._alternatives)) - 1]
                self._by_set = {(1 << len(self._alternatives)) - 1: whole}
            self._by_set[keep] = rx
        return rx


# ---------------------------------------------------------------- literals a match must contain

MAX_LITERALS = 64        # a pattern needing one of more literals than this is not prefiltered
_INLINE_I = re.compile(r"\(\?[a-zA-Z]*i[a-zA-Z]*[:)-]")


def _foldable(cp: int) -> bool:
    """A character whose every ``re.I`` partner ``str.lower`` maps to the same character: ASCII but
    for i, k and s (see _FOLDS), Latin-1 and general punctuation, currency signs and the uncased
    scripts of Chinese and Japanese text (ideographs, kana, CJK and fullwidth punctuation).
    tests/test_scan.py checks every code point."""
    if cp < 128:
        return chr(cp) not in "iksIKS"
    return ((0xA0 <= cp <= 0xBF and cp != 0xB5) or cp in (0xD7, 0xF7) or 0x2000 <= cp <= 0x206F or 0x20A0 <= cp <= 0x20CF
            or 0x3000 <= cp <= 0x30FF or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF
            or (0xFF01 <= cp <= 0xFFEF and not (0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A)))


def literals(rx: object, fold: bool = False) -> tuple[frozenset[str], bool] | None:
    """(strings one of which every match of ``rx`` contains, whether they are lower-cased), or
    None when no such set is known.

    Read from the parsed pattern: a run of literal characters is needed as a whole; a group or a
    repeat of at least one needs what its content needs; an alternation needs one of what its
    alternatives need. Of the needs of a sequence, the one with the longest shortest string wins
    (all are needed; the longest is the rarest). A case-insensitive pattern (``re.I`` or a
    ``(?i...)`` group) gives lower-cased literals, to look for in ``text.lower()``, made only
    of characters :func:`_foldable` vouches for (another character ends the run); so does any
    pattern with ``fold``.
    """
    plain = plain_pattern(rx)
    if plain.flags & re.L:
        return None
    fold = fold or bool(plain.flags & re.I) or bool(_INLINE_I.search(plain.pattern))
    try:
        found = _need(list(_p.parse(plain.pattern, plain.flags)), fold)
    except (re.error, RecursionError, _Unbounded):
        return None
    if not found or len(found) > MAX_LITERALS or "" in found:
        return None
    return frozenset(found), fold


def _need(seq: list, fold: bool) -> set[str] | None:  # type: ignore[type-arg]
    options: list[set[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append({"".join(run)})
            run.clear()

    for op, av in seq:
        if op is _c.LITERAL and (not fold or _foldable(av)):
            run.append(chr(av).lower() if fold else chr(av))
            continue
        close()
        sub: set[str] | None = None
        if op is _c.BRANCH:
            alts = [_need(list(alt), fold) for alt in av[1]]
            sub = None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[arg-type]
        elif op in _GROUPS:
            if op is _c.SUBPATTERN and av[1] & re.L:
                raise _Unbounded
            sub = _need(list(av[-1] if op is _c.SUBPATTERN else av), fold)
        elif op in _REPEATS:
            lo, _hi, item = av
            sub = _need(list(item), fold) if lo >= 1 else None
        elif op is _c.IN and len(av) <= 8 and all(o is _c.LITERAL and (not fold or _foldable(c)) for o, c in av):
            sub = {chr(c).lower() if fold else chr(c) for _o, c in av}   # [￥¥]: one of its characters
        elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            raise _Unbounded
        if sub:
            options.append(sub)
    close()
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


class Prefilter:
    """Which of several patterns can match a text, from one Aho-Corasick pass over it.

    Each pattern's :func:`literals` go into one automaton; a pattern none of whose literals
    occurs in the text cannot match it and is not tried. A pattern without known literals is
    always a candidate, so ``candidates`` never leaves out a pattern that matches. When one of the
    patterns is case-insensitive, all literals are lower-cased and looked for in ``text.lower()``
    (a case-sensitive literal in the text is in the lowered text, lowered).
    """

    def __init__(self, patterns: Sequence[object]) -> None:
        from ahocorasick_rs import AhoCorasick

        self.patterns = list(patterns)
        self._memo: dict[str, int] = {}
        found = [literals(rx) for rx in patterns]
        self.fold = any(f is not None and f[1] for f in found)
        if self.fold:   # lower-case every pattern's literals, with the characters folding vouches for
            found = [literals(rx, fold=True) if f is not None and not f[1] else f
                     for rx, f in zip(patterns, found, strict=True)]
        owners: dict[str, set[int]] = {}
        always = set()
        for i, f in enumerate(found):
            if f is None:
                always.add(i)
                continue
            for lit in f[0]:
                owners.setdefault(lit, set()).add(i)
        self.always = frozenset(always)
        self._owners = [frozenset(owners[w]) for w in owners]
        self._always_mask = _mask(always)
        self._owner_masks = [_mask(owners[w]) for w in owners]
        self._ac = AhoCorasick(list(owners)) if owners else None

    def candidates(self, text: str, pos: int = 0) -> set[int]:
        out = set(self.always)
        if self._ac is not None and pos < len(text):
            t = text[pos:] if pos else text
            owners = self._owners
            for k in {m[0] for m in self._ac.find_matches_as_indexes(t.lower() if self.fold else t, overlapping=True)}:
                out |= owners[k]
        return out

    def __reduce__(self) -> tuple:  # type: ignore[type-arg]
        return Prefilter, (self.patterns,)   # the automaton does not pickle: built again from the patterns

    def mask(self, text: str) -> int:
        """``candidates(text)`` as a bit mask (bit i: pattern i), kept for the next calls with the same
        text (several rule sets ask about one line in turn; the red-flag rules about one page's
        texts). An entry is stored whole, so threads sharing the prefilter never read a wrong one."""
        memo = self._memo
        out = memo.get(text)
        if out is not None:
            return out
        out = self._always_mask
        if self._ac is not None and text:
            masks = self._owner_masks
            for k in {m[0] for m in self._ac.find_matches_as_indexes(text.lower() if self.fold else text,
                                                                        overlapping=True)}:
                out |= masks[k]
        if len(memo) >= MEMO_TEXTS:
            memo.clear()
        memo[text] = out
        return out

    def any(self, text: str, pos: int = 0) -> bool:
        """Whether any of the patterns can match ``text[pos:]`` (False only when none can)."""
        if self.always:
            return True
        if self._ac is None or pos >= len(text):
            return False
        t = text[pos:] if pos else text
        return bool(self._ac.find_matches_as_indexes(t.lower() if self.fold else t))

