"""The libraries of a build as the Makefile passes them to the explainers
of a failed compile or link (support/build/explain-*): NAME:DIR:SYMBOL:y|n
words, SYMBOL the Kconfig option that selects the library ("app" for the
app), y when this configuration selects it."""
import os


class Lib:
    def __init__(self, word):
        self.name, self.dir, self.symbol, on = word.rsplit(":", 3)
        self.on = on == "y"

    def shown(self, root):
        """The folder as a user names it: relative to the tree if inside."""
        rel = os.path.relpath(self.dir, root)
        return self.dir if rel.startswith("..") else rel


def parse(words):
    return [Lib(w) for w in words]


def owner(libs, path):
    """The library whose folder holds path (the innermost one)."""
    path = os.path.realpath(path)
    best = None
    for lib in libs:
        d = os.path.realpath(lib.dir)
        if path.startswith(d + os.sep) and (best is None or len(d) > len(best.dir)):
            best = lib
    return best


def where_to_select(lib, root):
    """Where a `select` for a library that lib uses goes."""
    if lib is None:
        return "the Config.uk of the library that includes it"
    conf = os.path.join(lib.shown(root), "Config.uk")
    if lib.symbol == "app":
        return f"the app's Config.uk ({conf})"
    return f"{conf} (under config {lib.symbol})"
