"""Where a document's values are: labels found by their printed words, each value read right of its label and
down the lines it wraps onto, inside its own column, until the next label.

Pure geometry over OCR lines (documents/ocr.py `Line`), no image: the tests feed box lists directly.

A phone photo is tilted: every box is first turned by the page's own angle (the median slope of its long
lines), so that rows run level and columns upright. Inside one box, characters separated by a wide gap are
split apart ("名　　称" printed spaced, a label fused with its value, two columns fused by the detector), using
the recogniser's per-character positions or, for boxes without them, widths estimated from the characters.
A value then runs right of its label while the gaps stay narrow (a wide gap is the next column), and down
while the next line starts where the first one did (same indentation) at the spacing of wrapped lines, and
sits above the next label of its column.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

# Distances in text heights (h) of the rows concerned.
SPLIT_GAP = 0.8   # a wider gap inside one box separates words: spaced labels, label|value, fused columns
JOIN_GAP = 2.5    # chunks of one value on a row are closer than this; a wider gap is the next column
LABEL_GAP = 4.0   # the characters of a spaced label are at most this far apart
VALUE_GAP = 9.0   # a value starts at most this far right of its label (short labels sit in a wide label column)
LINE_PITCH = 0.82  # a wrapped line follows the previous one closer than this many label rows apart
WRAPPED_PITCH = 1.25  # after a line that fills its column (it wrapped), up to this many label rows apart
LINE_GAP = 0.6    # without rows to compare with: its top at most this far below the previous line's bottom
INDENT = 1.5      # and it starts within this distance of the first line's start
HOLE = 1.2        # a gap this wide inside one row of a value may hide characters
LEVEL = 0.5       # two chunks are on one row when their facing ends' centres differ by less than this
PUNCTUATION = ":：;；|丨·•-_.,，、 "


def wide(char: str) -> bool:
    return ord(char) >= 0x2E80


def _word(char: str) -> bool:
    """A character a value can start with: a Chinese character, a letter or digit, an opening bracket."""
    return "\u3400" <= char <= "\u9fff" or char.isascii() and char.isalnum() or char in "(（《"


@dataclass
class Chunk:
    """A run of characters on one row with no wide gap inside, in the page's level frame."""

    text: str
    confs: list[float]
    x0: float
    x1: float
    yl: float  # centre height at the left end
    yr: float  # and at the right end
    h: float   # text height
    line: int = 0  # which OCR line it came from

    @property
    def y0(self) -> float:
        return min(self.yl, self.yr) - self.h / 2

    @property
    def y1(self) -> float:
        return max(self.yl, self.yr) + self.h / 2

    @property
    def cy(self) -> float:
        return (self.yl + self.yr) / 2

    def cut(self, start: int) -> Chunk | None:
        """The chunk from character `start` on (positions interpolated), or None when nothing is left."""
        if start >= len(self.text):
            return None
        if start <= 0:
            return self
        f = _offset(self.text, start)
        x = self.x0 + f * (self.x1 - self.x0)
        return Chunk(self.text[start:], self.confs[start:], x, self.x1, self.yl + f * (self.yr - self.yl), self.yr,
                     self.h, self.line)


def _offset(text: str, i: int) -> float:
    weights = [1.0 if wide(c) else 0.55 for c in text]
    return sum(weights[:i]) / (sum(weights) or 1.0)


@dataclass
class Label:
    key: str
    text: str  # the variant printed
    x0: float
    x1: float
    yl: float
    yr: float
    h: float
    score: float

    @property
    def cy(self) -> float:
        return (self.yl + self.yr) / 2

    @property
    def y0(self) -> float:
        return min(self.yl, self.yr) - self.h / 2


@dataclass
class Value:
    """A label's value: its rows of chunks (first row right of the label, then the wrapped lines)."""

    label: Label
    rows: list[list[Chunk]] = field(default_factory=list)
    # Why the value ended below its last row: "label" (the next label of its column), "gap" (nothing at the
    # spacing of a wrapped line), "limit" (the most lines the field has).
    ended: str = "gap"
    # The right edge of the value's column: where the widest line starting at its indentation ends.
    right_edge: float = math.inf

    @property
    def text(self) -> str:
        return "".join(c.text for row in self.rows for c in row)

    @property
    def confs(self) -> list[float]:
        return [s for row in self.rows for c in row for s in c.confs]

    def row_extent(self, i: int) -> tuple[float, float]:
        return self.rows[i][0].x0, self.rows[i][-1].x1

    def has_hole(self) -> bool:
        """Characters may be missing inside: a gap within a row wider than a character (a glare spot, a finger),
        or a line that stops short of the others although the value goes on below it (text wraps full lines)."""
        h = self.label.h
        for row in self.rows:
            if any(b.x0 - a.x1 > HOLE * max(a.h, b.h) for a, b in zip(row, row[1:], strict=False)):
                return True
        # Short in width and in characters alike (documents wrap by width; some generators by count).
        widest = max(row[-1].x1 for row in self.rows)
        longest = max(sum(len(c.text) for c in row) for row in self.rows)
        return any(row[-1].x1 < widest - 2 * h and sum(len(c.text) for c in row) < longest - 1 for row in self.rows[:-1])


# ---- the level frame ----------------------------------------------------------------------------------


def page_angle(lines) -> float:
    """The page's tilt: the median slope of the lines long enough to measure one."""
    angles = []
    for line in lines:
        (lx, ly), (rx, ry) = line.ends()
        if rx - lx > 4 * line.text_height:
            angles.append(math.atan2(ry - ly, rx - lx))
    return statistics.median(angles) if angles else 0.0


def _turn(point: tuple[float, float], angle: float) -> tuple[float, float]:
    c, s = math.cos(angle), math.sin(angle)
    return point[0] * c + point[1] * s, -point[0] * s + point[1] * c


def chunks(lines) -> list[Chunk]:
    """Every line cut at its wide gaps, in the page's level frame."""
    angle = page_angle(lines)
    out = []
    for index, line in enumerate(lines):
        (lx, ly), (rx, ry) = (_turn(p, angle) for p in line.ends())
        h = line.text_height
        groups: list[list[tuple[str, float, float, float]]] = []
        for char in line.char_positions():
            if not groups or (char[2] - groups[-1][-1][3]) * (rx - lx) > SPLIT_GAP * h:
                groups.append([])
            groups[-1].append(char)
        for run in groups:
            t0, t1 = run[0][2], run[-1][3]
            out.append(Chunk("".join(c for c, *_ in run), [s for _, s, *_ in run], lx + t0 * (rx - lx),
                             lx + t1 * (rx - lx), ly + t0 * (ry - ly), ly + t1 * (ry - ly), h, index))
    return out


def level(a_y: float, b_y: float, h: float) -> bool:
    return abs(a_y - b_y) < LEVEL * h


# ---- labels ---------------------------------------------------------------------------------------------


def _match(text: str, variant: str) -> bool:
    """The text starts with the label; labels of four or more characters may have one misread."""
    if text.startswith(variant):
        return True
    if len(variant) < 4 or len(text) < len(variant):
        return False
    return sum(a != b for a, b in zip(text, variant, strict=False)) <= 1


def _label_at(text: str, catalogue: dict[str, tuple[str, ...]]) -> tuple[str, str] | None:
    exact = [(len(v), k, v) for k, vs in catalogue.items() for v in vs if text.startswith(v)]
    if exact:
        _, key, variant = max(exact)
        return key, variant
    fuzzy = [(len(v), k, v) for k, vs in catalogue.items() for v in vs if _match(text, v)]
    if fuzzy:
        _, key, variant = max(fuzzy)
        return key, variant
    return None


def _could_start(text: str, catalogue) -> bool:
    return any(v.startswith(text) and len(v) > len(text) for vs in catalogue.values() for v in vs)


def find_labels(all_chunks: list[Chunk], catalogue: dict[str, tuple[str, ...]]) -> tuple[list[Label], list[Chunk]]:
    """(labels, the other chunks): a chunk that starts with a printed label (possibly spread over several
    chunks, as "名　　称" is) is a label; what follows the label inside its last chunk is a value chunk."""
    ordered = sorted(all_chunks, key=lambda c: c.x0)  # a label's first character is its leftmost
    used: set[int] = set()
    labels, rests = [], []
    for i, chunk in enumerate(ordered):
        if i in used:
            continue
        lead = len(chunk.text) - len(chunk.text.lstrip(PUNCTUATION))
        text = chunk.text[lead:]
        parts = [i]
        found = _label_at(text, catalogue) if text else None
        if found is None and text and _could_start(text, catalogue):
            # A spaced label: the next chunks on the row, each close to the previous one.
            joined, last = text, chunk
            for j in range(i + 1, len(ordered)):
                other = ordered[j]
                if j in used or not level(last.yr, other.yl, max(last.h, other.h)) or other.x0 < last.x0:
                    continue
                if other.x0 - last.x1 > LABEL_GAP * last.h:
                    break
                joined += other.text
                parts.append(j)
                last = other
                if (found := _label_at(joined, catalogue)) is not None or not _could_start(joined, catalogue):
                    break
            if found is None:
                parts = [i]
        if found is None:
            continue
        key, variant = found
        used.update(parts)
        pieces = [ordered[j] for j in parts]
        # Characters of the label in the last piece: the rest of that piece is the start of the value.
        last = pieces[-1]
        inside = lead + len(variant) - sum(len(p.text) for p in pieces[:-1])
        end = last.cut(inside)
        first = pieces[0].cut(lead) or pieces[0]
        labels.append(Label(key, variant, first.x0, end.x0 if end is not None else last.x1, first.yl,
                            end.yl if end is not None else last.yr, statistics.mean(p.h for p in pieces),
                            min(s for p in pieces for s in p.confs[:len(variant)]) if pieces[0].confs else 0.0))
        if end is not None and (rest := end.cut(len(end.text) - len(end.text.lstrip(PUNCTUATION)))) is not None:
            rests.append(rest)
    damaged, cut = _damaged_labels(ordered, used, labels, catalogue)
    return labels + damaged, [c for i, c in enumerate(ordered) if i not in used] + rests + cut


def _damaged_labels(ordered: list[Chunk], used: set[int], labels: list[Label], catalogue) -> tuple[list[Label], list[Chunk]]:
    """Two-character labels printed spaced (名　　称, 住　　所) whose one character the photo lost or the recogniser
    misread ("住" alone, "所" alone, "名" "移", "佳所", "佳" "所山东省…"), accepted only where a label belongs: a
    field not found otherwise, the match unique, and the chunk in the column of the labels that were found —
    left-aligned with one of them on another row, or, for a lone second character, right-aligned (a column's labels
    are printed justified to one width). (labels, value chunks cut from behind them); marks the chunks it takes."""
    found = {lb.key for lb in labels}
    pairs = [(k, v) for k, vs in catalogue.items() if k not in found for v in vs if len(v) == 2]
    out, rests = [], []
    for i, chunk in enumerate(ordered):
        if i in used or not pairs:
            continue
        text = chunk.text.strip(PUNCTUATION)
        if not 1 <= len(text) <= 2 or not all(wide(c) for c in text):
            continue
        others = [lb for lb in labels if not level(chunk.cy, lb.cy, chunk.h)]
        left = [lb for lb in others if abs(chunk.x0 - lb.x0) < 1.5 * chunk.h]
        right = [lb for lb in others if abs(chunk.x1 - lb.x1) < 1.5 * chunk.h]
        if not left and not right:
            continue
        parts, rest = [i], None
        if len(text) == 1 and left:  # the second character: the next chunk close to its right, or nothing
            nxt = [j for j, o in enumerate(ordered) if j not in used and j != i and o.x0 > chunk.x1
                   and o.x0 - chunk.x1 < LABEL_GAP * chunk.h and level(chunk.yr, o.yl, max(chunk.h, o.h))]
            near = min(nxt, key=lambda j: ordered[j].x0, default=None)
            alone = near is not None and len(ordered[near].text.strip(PUNCTUATION)) == 1
            if near is not None and wide(second := ordered[near].text.lstrip(PUNCTUATION)[:1] or "a"):
                joined = text + second
                # A lone character may be the misread one; one fused with the value must be printed right (else it
                # is the value's first character: 名 + 黄州区…).
                if any(sum(a != b for a, b in zip(joined, v, strict=True)) == 1 and (alone or v[1] == second)
                       for _, v in pairs):
                    parts.append(near)
                    text = joined
                    lead = len(ordered[near].text) - len(ordered[near].text.lstrip(PUNCTUATION))
                    rest = ordered[near].cut(lead + 1)
        if len(text) == 2:
            keys = {k for k, v in pairs if sum(a != b for a, b in zip(text, v, strict=True)) == 1} if left else set()
        else:
            keys = {k for k, v in pairs if v[0] == text} if left else set()
            if not keys and right:
                keys = {k for k, v in pairs if v[1] == text}
        if len(keys) != 1:
            continue
        key = keys.pop()
        variant = next(v for k, v in pairs if k == key)
        pieces = [ordered[j] for j in parts]
        x0 = pieces[0].x0 if left else right[0].x0
        end = rest.x0 if rest is not None else pieces[-1].x1
        used.update(parts)
        pairs = [(k, v) for k, v in pairs if k != key]
        out.append(Label(key, variant, x0, end, pieces[0].yl, pieces[-1].yr, statistics.mean(p.h for p in pieces), 0.0))
        if rest is not None and (rest := rest.cut(len(rest.text) - len(rest.text.lstrip(PUNCTUATION)))) is not None:
            rests.append(rest)
    return out, rests


# ---- values ---------------------------------------------------------------------------------------------


def _similar_height(a: Chunk, h: float) -> bool:
    return 0.6 * h < a.h < 1.6 * h


def _row_from(first: Chunk, candidates: list[Chunk], right_bound: float, join_gap: float) -> list[Chunk]:
    """The chunks of one row from `first` rightwards while the gaps stay narrow and before `right_bound`."""
    row = [first]
    for other in sorted((c for c in candidates if c.x0 > first.x0 and c is not first), key=lambda c: c.x0):
        last = row[-1]
        if other.x0 >= right_bound - 0.3 * other.h:
            break
        if not level(last.yr, other.yl, max(last.h, other.h)) or not _similar_height(other, first.h):
            continue
        gap = other.x0 - last.x1
        if gap > join_gap * first.h or (gap > SPLIT_GAP * first.h and statistics.mean(other.confs or [0]) < 0.5):
            break  # the next column, or a smudge apart from the text (a seal, the portrait's edge)
        row.append(other)
    return row


def row_pitch(labels: list[Label]) -> float | None:
    """The distance between label rows: the least between a label and the next one below it in its column.
    Wrapped lines of a value are printed closer together than that."""
    pitches = []
    for label in labels:
        below = [o.cy - label.cy for o in labels if abs(o.x0 - label.x0) < 3 * label.h and o.cy - label.cy > 1.2 * label.h]
        if below:
            pitches.append(min(below))
    return min(pitches) if pitches else None


def value_of(label: Label, labels: list[Label], candidates: list[Chunk], *, max_lines: int = 1,
             join_gap: float = JOIN_GAP, pitch: float | None = None) -> Value | None:
    """The value printed right of `label` (and, up to max_lines, the lines it wraps onto); None when nothing
    starts on the label's row."""
    h = label.h
    # A label further right on the row bounds the value (性别 男 | 民族 汉; two-column licences).
    right_labels = [o for o in labels if o is not label and o.x0 > label.x1 and level(label.yr, o.yl, max(h, o.h))]
    bound = min((o.x0 for o in right_labels), default=math.inf)
    starts = [c for c in candidates if c.x0 >= label.x1 - 0.5 * h and c.x0 - label.x1 < VALUE_GAP * h
              and c.x0 < bound and level(label.yr, c.yl, max(h, c.h))]
    if not starts:
        return None
    first = min(starts, key=lambda c: c.x0)
    # A value starts with a word: a mark between label and value (a tick, a bullet, a colon) is not part of it.
    junk = next((i for i, c in enumerate(first.text) if _word(c)), len(first.text))
    if junk and (rest := first.cut(junk)) is not None:
        candidates = [rest if c is first else c for c in candidates]
        first = rest
    value = Value(label, [_row_from(first, candidates, bound, join_gap)])
    anchor = first.x0
    # The column's right edge: where the widest line starting at this value's indentation ends.
    right_edge = max((c.x1 for c in candidates if abs(c.x0 - anchor) < INDENT * h and c.x1 < bound), default=0.0)
    # The next label of this column: left of where the value starts and not left of this label's column.
    value.right_edge = max(right_edge, value.rows[0][-1].x1)
    below = [o.y0 for o in labels if o is not label and o.cy > label.cy + 0.5 * h
             and label.x0 - 3 * h < o.x0 < anchor - 0.5 * h]
    stop = min(below, default=math.inf)
    used = {id(c) for c in value.rows[0]}
    while True:
        if len(value.rows) >= max_lines:
            value.ended = "limit"
            return value
        previous = value.rows[-1]
        bottom = max(c.y1 for c in previous)
        line_h = statistics.mean(c.h for c in previous)
        nexts = [c for c in candidates if id(c) not in used and c.cy > bottom - 0.2 * line_h
                 and abs(c.x0 - anchor) < INDENT * line_h and _similar_height(c, line_h)]
        if not nexts:
            value.ended = "label" if stop < math.inf else "gap"
            return value
        start = min(nexts, key=lambda c: c.y0)
        if start.cy > stop - 0.2 * line_h:
            value.ended = "label"
            return value
        step = start.cy - statistics.mean(c.cy for c in previous)
        # A line that reaches the column's right edge wrapped: the next one continues it even on a layout that
        # prints wrapped lines as far apart as label rows.
        full = previous[-1].x1 > right_edge - 1.5 * line_h
        if pitch and step > (WRAPPED_PITCH if full else LINE_PITCH) * pitch or \
                not pitch and start.y0 - bottom > (2 if full else 1) * LINE_GAP * line_h:
            value.ended = "gap"
            return value
        row_labels = [o.x0 for o in labels if o.x0 > start.x0 and level(o.yl, start.yr, max(o.h, start.h))]
        row = _row_from(start, [c for c in candidates if id(c) not in used], min(row_labels, default=bound),
                        join_gap)
        used.update(id(c) for c in row)
        value.rows.append(row)


def read_values(lines, catalogue: dict[str, tuple[str, ...]], lines_per_field: dict[str, int] | None = None,
                join_gaps: dict[str, float] | None = None) -> dict[str, Value]:
    """The value of every label in the catalogue that is printed (the first, top-left, when a key appears twice)."""
    labels, candidates = find_labels(chunks(lines), catalogue)
    pitch = row_pitch(labels)
    out: dict[str, Value] = {}
    for label in sorted(labels, key=lambda lb: (lb.cy, lb.x0)):
        if label.key in out:
            continue
        found = value_of(label, labels, candidates, max_lines=(lines_per_field or {}).get(label.key, 1),
                         join_gap=(join_gaps or {}).get(label.key, JOIN_GAP), pitch=pitch)
        if found is not None:
            out[label.key] = found
    return out
