"""Checks of tstrace's SVG and HTML timelines (support/scripts/
tstrace_timeline.py), shared by the image tests, the make run TRACE=
build test and the tstrace fuzzer."""
import html.parser
import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
# Elements that load or run something: none may be in the picture.
FETCHING = {"script", "image", "img", "foreignObject", "use", "a", "iframe", "link",
            "object", "embed", "style", "feImage", "audio", "video", "source",
            "base", "meta"}


def _local(name):
    return name.rsplit("}", 1)[-1]


def _reference(tag, attrs):
    """Why an element with these attributes may reach outside, or None."""
    if _local(tag) in FETCHING:
        return "a <%s> element" % _local(tag)
    for k, v in attrs:
        if _local(k) in ("href", "src", "srcset", "action", "style") or k.startswith("on"):
            return "a %s= attribute on <%s>" % (_local(k), _local(tag))
        if "url(" in (v or ""):
            return "url( in %s= of <%s>" % (k, _local(tag))
    return None


def parse_svg(text):
    """(root element, None) or (None, why it is no SVG that stands alone)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        return None, "not XML: %s" % e
    if root.tag != "{%s}svg" % SVG_NS:
        return None, "the root is %s, not an SVG <svg>" % root.tag
    for el in root.iter():
        why = _reference(el.tag, el.attrib.items())
        if why:
            return None, why
    return root, None


def svg_problem(text):
    return parse_svg(text)[1]


def tracks(root):
    """{track: {"label": ..., "slice": n, "instant": n, "names": set}} of a
    parsed timeline; track is a thread id (as text) or "boot"."""
    out = {}
    for g in root.iter("{%s}g" % SVG_NS):
        kind, track = g.get("class"), g.get("data-track")
        if track is None or kind not in ("track", "slice", "instant"):
            continue
        t = out.setdefault(track, {"label": None, "slice": 0, "instant": 0,
                                   "names": set()})
        if kind == "track":
            t["label"] = "".join(g.itertext()).strip()
        else:
            t[kind] += 1
        if kind == "instant":
            t["names"].add(g.get("data-name"))
    return out


def no_address_problem(text):
    """An address anywhere in the file but the SVG namespace's name."""
    rest = text.replace('xmlns="%s"' % SVG_NS, "")
    m = re.search(r"https?:|src=|url\(|//", rest)
    return "%r in the file: %r" % (m.group(0), rest[max(0, m.start() - 60):m.end() + 60]) \
        if m else None


class _Html(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problem, self.tags = None, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        why = _reference(tag, attrs) if tag not in ("style", "meta") else None
        if tag == "meta" and any(k != "charset" for k, _ in attrs):
            why = "a <meta> other than the charset"
        self.problem = self.problem or why


def html_problem(text):
    """What is wrong with a timeline page, or None: one <svg> that passes
    svg_problem, nothing that loads or runs anything."""
    p = _Html()
    p.feed(text)
    p.close()
    if p.problem:
        return p.problem
    if p.tags.count("svg") != 1:
        return "%d <svg> elements in the page" % p.tags.count("svg")
    if re.search(r"@import|url\(", "".join(re.findall(r"<style>(.*?)</style>", text, re.S))):
        return "the style sheet loads something"
    svg = text[text.index("<svg"):text.index("</svg>") + len("</svg>")]
    why = svg_problem(svg)
    return "its SVG: " + why if why else None


def timeline_problem(svg, events):
    """What is wrong with the SVG timeline of these decoded events, or
    None: it stands alone (svg_problem), every thread seen in the trace
    has one track named after it, with an instant marker per event;
    threads that ran (sched_switch) have running slices; each init step
    (boot_init) is a slice on the boot track; nothing is left off."""
    root, why = parse_svg(svg)
    if why:
        return why
    got = tracks(root)
    seen, inits = {}, 0
    for e in events:
        # An init step with its duration (third argument) is a slice.
        if e.name == "boot_init" and len(e.args) >= 3 and e.args[2] <= e.ticks:
            inits += 1
        else:
            seen.setdefault(str(e.tid), []).append(e.name)
    ran = {str(a) for e in events if e.name == "sched_switch" for a in e.args[:2]}
    labels = [t["label"] for t in got.values() if t["label"] is not None]
    if len(labels) != len(set(labels)):
        return "two tracks with one label: %s" % sorted(labels)
    for tid, names in seen.items():
        t = got.get(tid)
        if not t or not t["label"] or not t["label"].startswith(tid + " "):
            return "no track for thread %s (tracks: %s)" % (tid, sorted(got))
        if t["instant"] != len(names) or t["names"] != set(names):
            return "thread %s: %d instant markers %s for %d events %s" % (
                tid, t["instant"], sorted(t["names"]), len(names), sorted(set(names)))
    for tid in ran:
        if tid in got and not got[tid]["slice"]:
            return "thread %s ran but has no slice" % tid
    if inits and got.get("boot", {}).get("slice") != inits:
        return "%d init steps, %s boot slices" % (inits, got.get("boot", {}).get("slice"))
    extra = set(got) - set(seen) - ran - {"boot"}
    if extra:
        return "tracks for threads the trace does not have: %s" % sorted(extra)
    return None
