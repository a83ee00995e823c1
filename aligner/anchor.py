"""Human work follows its sentence: the sentence ids of the last build mapped to this build's.

Sentence ids are positions (``hi.p3.s2``: the 2nd sentence of the 3rd paragraph), so a paragraph
inserted above a sentence gives it another id. A human English line or a link decision is made for
a sentence as its text was then; `SentenceMap` finds that sentence among this build's by content:
the last build's sentences (their ids and text hashes, as ``segments/<edition>.jsonl`` lists them)
are matched to this build's in order, as a diff matches lines, so a text repeated in several places
is told apart by its neighbours. A sentence whose text changed in place (in a replaced stretch of
the diff, the one sentence there, or the most alike by characters) keeps its work, which its hash
then marks as made for another text; a sentence that is gone has nowhere to put it, and the caller
says so.

No files, no logging: the caller reads the last build's record and says what moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .document import text_hash

#: how a piece of work was placed: on its own id (`kept`), on another id, its sentence renumbered
#: (`moved`), on the sentence that took its place though the text changed (`changed`), nowhere (`gone`)
KEPT, MOVED, CHANGED, GONE = "kept", "moved", "changed", "gone"


@dataclass(frozen=True)
class Placed:
    sentence_id: str | None
    how: str


#: below this share of characters in common, two sentences of a replaced stretch are not one sentence changed
ALIKE = 0.5
#: a replaced stretch larger than this (sentences before × now) is paired by position, not compared
COMPARED = 400


class SentenceMap:
    """The sentences of the last build (`before`) and of this one (`now`), each a list of (id, text
    hash, text) in text order; `now` may give several hashes a sentence (its text as written, and as
    XML holds it) as a tuple. With no `before` (a first build, or no record of it) an id names the
    same sentence it names now."""

    def __init__(self, before: list[tuple[str, str, str]], now: list[tuple[str, str | tuple[str, ...], str]]):
        self.before = {ident: value for ident, value, _ in before}
        self.now_index = {ident: n for n, (ident, _, _) in enumerate(now)}
        self.now_hashes = {ident: (hashes,) if isinstance(hashes, str) else tuple(hashes) for ident, hashes, _ in now}
        self.by_hash: dict[str, list[str]] = {}
        for ident, hashes in self.now_hashes.items():
            for value in dict.fromkeys(hashes):
                self.by_hash.setdefault(value, []).append(ident)
        #: each id of the last build → the id of its sentence now (None: gone), and whether its text is the same
        self.follow: dict[str, str | None] = {}
        self.same: set[str] = set()
        old = [ident for ident, _, _ in before]
        old_hashes = [value for _, value, _ in before]
        new = [ident for ident, _, _ in now]
        new_hashes = [self.now_hashes[ident][0] for ident in new]
        if old_hashes == new_hashes:  # the common case, and no diff on a long text
            self.follow = dict(zip(old, new))
            self.same = set(old)
            self.claimed = set(new)
            return
        self.claimed = set()  # sentences now that an unchanged sentence of the last build became
        matcher = SequenceMatcher(None, old_hashes, new_hashes, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    self.follow[old[i1 + k]] = new[j1 + k]
                    self.same.add(old[i1 + k])
                    self.claimed.add(new[j1 + k])
            elif tag == "delete":
                self.follow.update(dict.fromkeys(old[i1:i2]))
            elif tag == "replace":
                pairs = _changed_in_place([text for _, _, text in before[i1:i2]], [text for _, _, text in now[j1:j2]])
                self.follow.update(dict.fromkeys(old[i1:i2]))
                self.follow.update({old[i1 + a]: new[j1 + b] for a, b in pairs})

    @classmethod
    def of(cls, before: list[tuple[str, str, str]], edition) -> SentenceMap:
        """The map from the last build's sentences to an `Edition`'s: a sentence known by the hash of
        its text as written and as XML holds it (work read back from TMX or TEI was made for that)."""
        from .xmltext import xml_safe

        return cls(before, [(s.id, (s.hash, text_hash(xml_safe(s.text))), s.text) for s in edition.sentences()])

    def place(self, sentence_id: str, made_for: str | None = None) -> Placed:
        """Where the work the last build held on `sentence_id` goes now. `made_for` is the hash of
        the text it was made for where the work records it (a human line's source hash); without
        it, the text the last build had under that id."""
        known = sentence_id in self.before
        if made_for in (None, "", "?"):
            made_for = self.before.get(sentence_id)
        if known:
            target = self.follow.get(sentence_id)
            # work made for the text the last build had under its id: the diff decides, and only a
            # sentence no unchanged sentence of the last build became can take it when its own is gone
            agrees = made_for == self.before[sentence_id]
        else:  # an id the last build did not have (no record of it, or a line written before it)
            target = sentence_id if sentence_id in self.now_index else None
            agrees = False
        if made_for and target is not None and made_for in self.now_hashes[target]:
            return Placed(target, KEPT if target == sentence_id else MOVED)
        candidates = [
            ident
            for ident in self.by_hash.get(made_for or "", ())
            if not agrees or (target is None and ident not in self.claimed)
        ]
        if candidates:
            expected = self.now_index[target] if target is not None else self._expected(sentence_id)
            found = min(candidates, key=lambda ident: (abs(self.now_index[ident] - expected), self.now_index[ident]))
            return Placed(found, KEPT if found == sentence_id else MOVED)
        if target is None:
            return Placed(None, GONE)
        if made_for:
            return Placed(target, CHANGED)
        return Placed(target, KEPT if target == sentence_id else MOVED)

    def _expected(self, sentence_id: str) -> int:
        """About where a sentence of the last build would be now: after the sentence before it that
        is still here (its own position where the last build had no such id)."""
        if sentence_id not in self.before:
            return 0
        previous = None
        for ident in self.before:
            if ident == sentence_id:
                break
            if self.follow.get(ident) is not None:
                previous = self.follow[ident]
        return self.now_index[previous] + 1 if previous is not None else 0

    def order(self, ids) -> tuple[str, ...]:
        """Ids of this build in text order, each once."""
        return tuple(sorted(dict.fromkeys(ids), key=self.now_index.__getitem__))


def _changed_in_place(before: list[str], now: list[str]) -> list[tuple[int, int]]:
    """Which sentences of a replaced stretch are one sentence changed (positions in `before`, `now`):
    one for one, the only pair; otherwise, in order, the pairs most alike by characters (a sentence
    inserted beside a changed one takes nothing from it), each at least `ALIKE`."""
    if len(before) == 1 and len(now) == 1:
        return [(0, 0)]
    if len(before) * len(now) > COMPARED:
        return [(k, k) for k in range(min(len(before), len(now)))] if len(before) == len(now) else []
    alike = [[SequenceMatcher(None, a, b, autojunk=False).ratio() for b in now] for a in before]
    # best[i][j]: the most likeness pairing before[i:] with now[j:], in order
    best = [[0.0] * (len(now) + 1) for _ in range(len(before) + 1)]
    for i in range(len(before) - 1, -1, -1):
        for j in range(len(now) - 1, -1, -1):
            paired = alike[i][j] + best[i + 1][j + 1] if alike[i][j] >= ALIKE else 0.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(before) and j < len(now):
        if alike[i][j] >= ALIKE and best[i][j] == alike[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs
