"""A trace as a picture that needs nothing but a browser: an SVG (or one
HTML file holding it and the events as text) with no script, no font,
no image and no address to fetch, for a board or a machine offline
where Perfetto is out of reach. Used by support/scripts/tstrace (--svg,
--html) and `make run TRACE=out.svg`.

    svg = to_svg(events)        # events from tstrace.decode/decode_serial
    html = to_html(events)

What it shows, top down: the boot steps (boot_init: each init function
from its start to its return), then one track per thread: its running
slices (from sched_switch, as in the Chrome JSON), the slices of
begin/end pairs (irq_entry/irq_exit, syscall_entry/syscall_exit named after
the call, and any NAME_begin/NAME_end or
NAME_entry/NAME_exit of the same thread), and every event as an instant
marker coloured by its library. Hovering over anything shows its time
and decoded text (SVG <title>).

The time axis is cut to fit: a stretch without events longer than about
GAP_PX pixels' worth is drawn GAP_PX wide and marked with its length,
and events closer than MIN_PX pixels are moved apart, so that a boot of
30 ms with a burst of 40 events in 20 us shows both. Positions between
two events are linear in time; the axis labels give the true time."""
import bisect
import re

import tstrace

__all__ = ["to_svg", "to_html", "slices", "is_boot_step"]

WIDTH = 1400            # px of timeline the scale aims at
LABEL_W = 150           # px for the track names on the left
MIN_PX = 3.0            # closest two events are drawn
GAP_PX = 40.0           # width of a cut stretch
ROW_H = 18              # a slice row
MARK_H = 10             # the instant markers' row
CHAR_W = 6.5            # px per character at font-size 11, about
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
           "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

# Characters XML 1.0 does not allow, even escaped (a damaged trace may
# carry them in a name or a string argument).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text):
    """text as XML character data or an attribute value."""
    text = _NOT_XML.sub("\ufffd", str(text))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _dur(seconds):
    """A duration in words a person reads: 1.25 ms, 830 us, 12 ns."""
    s = abs(seconds)
    for unit, f in (("s", 1), ("ms", 1e3), ("us", 1e6)):
        if s >= 1 / f:
            return f"{seconds * f:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def is_boot_step(e):
    """An init step with its duration (boot_init's third argument), drawn
    as a slice on the boot track instead of a marker."""
    return e.name == "boot_init" and len(e.args) >= 3 and e.args[2] <= e.ticks


def slices(events):
    """Everything drawn as a bar: [(track, row, name, begin, end, text)]
    with times in ticks. track is a thread id, or "boot"; row 0 is the
    thread's running time, row 1 its begin/end pairs."""
    out = []
    for k, ph, tid, ticks in tstrace.running_slices(events):
        if ph == "B":
            out.append([tid, 0, "running", ticks, None, ""])
        else:
            for s in reversed(out):
                if s[0] == tid and s[1] == 0 and s[4] is None:
                    s[4] = ticks
                    break
    for e in events:
        if is_boot_step(e):
            fn = e.text.split(" ", 1)[0] if e.text else "init"
            out.append(["boot", 0, fn, e.ticks - e.args[2], e.ticks, e.text])
    for tid, name, b, e in tstrace.begin_end_pairs(events):
        out.append([tid, 1, name, b.ticks, e.ticks, f"{b.text} .. {e.text}"])
    return [tuple(s) for s in out if s[4] is not None]


class _Axis:
    """Ticks to x pixels: piecewise linear through every time that
    matters (events, slice ends), with cut gaps and a minimum spacing."""

    def __init__(self, times, hz):
        self.hz = hz or 1e9
        self.t = sorted(set(times)) or [0]
        gaps = [b - a for a, b in zip(self.t, self.t[1:])]
        # Pixels per tick so that the whole is about WIDTH wide: the
        # width only grows with the scale, so bisect on its logarithm;
        # each try costs O(log n) on the sorted gaps and their sums.
        self._sorted = sorted(gaps)
        self._sums = [0]
        for g in self._sorted:
            self._sums.append(self._sums[-1] + g)
        lo, hi = 1e-15, 1e3
        for _ in range(50):
            mid = (lo * hi) ** 0.5
            if self._width(mid) > WIDTH:
                hi = mid
            else:
                lo = mid
        self.scale = lo
        self.x, self.cuts = [0.0], []
        for a, g in zip(self.t, gaps):
            w = g * self.scale
            if w > GAP_PX:
                self.cuts.append((self.x[-1], a, g))
                w = GAP_PX
            self.x.append(self.x[-1] + max(MIN_PX, w))
        self.width = self.x[-1]

    def _width(self, scale):
        """sum(max(MIN_PX, min(GAP_PX, g * scale))) over the gaps."""
        g = self._sorted
        a = bisect.bisect_left(g, MIN_PX / scale)      # these are MIN_PX
        b = bisect.bisect_right(g, GAP_PX / scale)     # from here GAP_PX
        b = max(a, b)
        return (a * MIN_PX + (self._sums[b] - self._sums[a]) * scale
                + (len(g) - b) * GAP_PX)

    def __call__(self, ticks):
        i = bisect.bisect_right(self.t, ticks) - 1
        if i < 0:
            return 0.0
        if i >= len(self.t) - 1:
            return self.x[-1]
        a, b = self.t[i], self.t[i + 1]
        return self.x[i] + (self.x[i + 1] - self.x[i]) * (ticks - a) / (b - a)

    def seconds(self, ticks):
        return (ticks - self.t[0]) / self.hz


def _colour(cat, cats):
    if cat not in cats:
        cats[cat] = PALETTE[len(cats) % len(PALETTE)]
    return cats[cat]


def to_svg(events, thread_names=None, title="Tessera trace"):
    """The picture as SVG text (a standalone file: it declares the SVG
    namespace, which is a name, not an address that gets fetched)."""
    names = tstrace._thread_names(events, thread_names)
    hz = getattr(events, "ticks_hz", 0) or 0
    bars = slices(events)
    axis = _Axis([e.ticks for e in events] + [b[3] for b in bars] + [b[4] for b in bars],
                 hz)
    tids = sorted({e.tid for e in events if not is_boot_step(e)}
                  | {b[0] for b in bars if b[0] != "boot"})
    tracks = (["boot"] if any(b[0] == "boot" for b in bars) else []) + tids
    track_h = ROW_H * 2 + MARK_H + 8
    top = 58
    width = LABEL_W + axis.width + 40
    height = top + track_h * len(tracks) + 70
    out = []
    w = out.append
    w(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 '
      f'{width} {height}" font-family="sans-serif" font-size="11">')
    w(f"<title>{_x(title)}</title>")
    w('<rect width="100%" height="100%" fill="#ffffff"/>')
    notes = [f"{len(events)} events"]
    if hz:
        notes.append(f"{_dur(axis.seconds(axis.t[-1]))} from the first to the last")
        notes.append(f"ticks at {hz} Hz")
    if getattr(events, "lost", 0):
        notes.append(f"{events.lost} older records overwritten")
    if getattr(events, "dropped", 0):
        notes.append(f"{events.dropped} dropped (ring full)")
    if getattr(events, "truncated", None):
        notes.append("truncated input")
    w(f'<text x="8" y="18" font-size="14" font-weight="bold">{_x(title)}</text>')
    w(f'<text x="8" y="34">{_x(", ".join(notes))}. Gaps longer than '
      f'{_dur(GAP_PX / axis.scale / axis.hz)} are cut (the dashed marks give their length); '
      'hover for times and text.</text>')
    x0 = LABEL_W
    cats = {}
    by_track = {t: i for i, t in enumerate(tracks)}
    for t in tracks:
        y = top + track_h * by_track[t]
        label = "boot steps" if t == "boot" else f"{t} {names.get(t, f'thread {t}')}"
        w(f'<g class="track" data-track="{_x(t)}">')
        shade = "#f4f4f4" if by_track[t] % 2 else "#ffffff"
        w(f'<rect x="0" y="{y}" width="{width}" height="{track_h}" fill="{shade}"/>')
        w(f'<text x="8" y="{y + 14}" font-weight="bold">{_x(label)}</text>')
        w("</g>")
    y_axis = top - 6
    # Axis: a label every ~120 px, at the true time of that position.
    w('<g class="axis" stroke="#999999">')
    w(f'<line x1="{x0:.1f}" y1="{y_axis}" x2="{x0 + axis.width:.1f}" y2="{y_axis}"/>')
    w("</g>")
    last_label = -1e9
    for i, t in enumerate(axis.t):
        px = axis.x[i]
        if px - last_label >= 120 or i == 0:
            w(f'<text x="{x0 + px:.1f}" y="{y_axis - 4}" fill="#555555">'
              f'{_x(f"{axis.seconds(t):.6f} s")}</text>')
            w(f'<line x1="{x0 + px:.1f}" y1="{y_axis}" x2="{x0 + px:.1f}" y2="{height - 60}" '
              'stroke="#dddddd"/>')
            last_label = px
    last_label = -1e9
    for px, a, g in axis.cuts:
        mid = x0 + px + GAP_PX / 2
        what = "+" + _dur(g / axis.hz)
        w(f'<g class="cut"><title>{_x(_dur(g / axis.hz))} without events</title>')
        w(f'<line x1="{mid:.1f}" y1="{y_axis}" x2="{mid:.1f}" y2="{height - 60}" '
          'stroke="#aaaaaa" stroke-dasharray="2,4"/>')
        if mid - 3.5 * len(what) >= last_label + 4:
            w(f'<text x="{mid:.1f}" y="{height - 48}" fill="#888888" text-anchor="middle">'
              f'{_x(what)}</text>')
            last_label = mid + 3.5 * len(what)
        w("</g>")
    below = [-1e9] * 3          # where the boot labels below end
    for track, row, name, b, e, text in bars:
        y = top + track_h * by_track[track] + 3 + row * ROW_H
        xa, xb = x0 + axis(b), x0 + axis(e)
        fill = "#8fbc8f" if row == 0 and track != "boot" else _colour(
            name.split("_")[0] if track != "boot" else "boot", cats)
        d = _dur((e - b) / axis.hz)
        w(f'<g class="slice" data-track="{_x(track)}"><title>{_x(name)}: {_x(d)} (begins at '
          f'{axis.seconds(b):.9f} s){_x(": " + text if text else "")}</title>')
        w(f'<rect x="{xa:.1f}" y="{y}" width="{max(xb - xa, 1.0):.1f}" height="{ROW_H - 4}" '
          f'fill="{fill}" stroke="#333333" stroke-width="0.5"/>')
        label = name if track == "boot" or row else names.get(track, name)
        if xb - xa > CHAR_W * len(label) + 6:
            w(f'<text x="{xa + 3:.1f}" y="{y + ROW_H - 8}">{_x(label)}</text>')
        elif track == "boot":
            # Too narrow: below it, on whichever of three lines has room.
            i = min(range(len(below)), key=lambda i: below[i])
            if xa >= below[i] + 4:
                w(f'<text x="{xa:.1f}" y="{y + ROW_H + 6 + 11 * i}" font-size="10">'
                  f'{_x(label)}</text>')
                below[i] = xa + CHAR_W * len(label)
        w("</g>")
    for e in events:
        if is_boot_step(e):
            continue        # drawn as a slice
        y = top + track_h * by_track[e.tid] + 3 + 2 * ROW_H
        px = x0 + axis(e.ticks)
        fill = _colour(e.name.split("_")[0], cats)
        w(f'<g class="instant" data-track="{e.tid}" data-name="{_x(e.name)}"><title>'
          f'{_x(e.name)} {_x(f"#{e.index}")} at {axis.seconds(e.ticks):.9f} s: '
          f'{_x(e.text)}</title>')
        w(f'<path d="M{px:.1f} {y + MARK_H} l-3 -{MARK_H} h6 z" fill="{fill}"/></g>')
    # Legend: one swatch per library (the tracepoint name's first word).
    lx, ly = 8, height - 28
    w(f'<text x="{lx}" y="{ly}">events by library:</text>')
    lx += 110
    for cat, colour in cats.items():
        w(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>')
        w(f'<text x="{lx + 14}" y="{ly}">{_x(cat)}</text>')
        lx += 24 + 7 * len(cat)
    w(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="#8fbc8f" stroke="#333333" '
      'stroke-width="0.5"/>')
    w(f'<text x="{lx + 14}" y="{ly}">running (sched_switch)</text>')
    w("</svg>")
    return "\n".join(out) + "\n"


def to_html(events, thread_names=None, title="Tessera trace"):
    """One HTML file: the SVG inline, then the events as tstrace prints
    them. No script and nothing it links to."""
    svg = to_svg(events, thread_names, title)
    text = tstrace.to_text(events, thread_names)
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{_x(title)}'
            '</title>\n<style>body{font-family:sans-serif;margin:8px}pre{font-size:12px}div{overflow-x:auto}</style></head>\n<body>\n<div>\n'
            f'{svg}</div>\n<h2>Events</h2>\n<pre>{_x(text)}</pre>\n</body></html>\n')
