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
        return f"a <{_local(tag)}> element"
    for k, v in attrs:
        if _local(k) in ("href", "src", "srcset", "action", "style") or k.startswith("on"):
            return f"a {_local(k)}= attribute on <{_local(tag)}>"
        if "url(" in (v or ""):
            return f"url( in {k}= of <{_local(tag)}>"
    return None


def parse_svg(text):
    """(root element, None) or (None, why it is no SVG that stands alone)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        return None, f"not XML: {e}"
    if root.tag != f"{{{SVG_NS}}}svg":
        return None, f"the root is {root.tag}, not an SVG <svg>"
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
    for g in root.iter(f"{{{SVG_NS}}}g"):
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
    rest = text.replace(f'xmlns="{SVG_NS}"', "")
    m = re.search(r"https?:|src=|url\(|//", rest)
    return f"{m.group(0)!r} in the file: {rest[max(0, m.start() - 60):m.end() + 60]!r}" \
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
        return f"{p.tags.count('svg')} <svg> elements in the page"
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
        return f"two tracks with one label: {sorted(labels)}"
    for tid, names in seen.items():
        t = got.get(tid)
        if not t or not t["label"] or not t["label"].startswith(tid + " "):
            return f"no track for thread {tid} (tracks: {sorted(got)})"
        if t["instant"] != len(names) or t["names"] != set(names):
            return f"thread {tid}: {t['instant']} instant markers {sorted(t['names'])} for {len(names)} events {sorted(set(names))}"
    for tid in ran:
        if tid in got and not got[tid]["slice"]:
            return f"thread {tid} ran but has no slice"
    if inits and got.get("boot", {}).get("slice") != inits:
        return f"{inits} init steps, {got.get('boot', {}).get('slice')} boot slices"
    extra = set(got) - set(seen) - ran - {"boot"}
    if extra:
        return f"tracks for threads the trace does not have: {sorted(extra)}"
    return None
