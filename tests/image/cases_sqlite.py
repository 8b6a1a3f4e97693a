"""apps/sqlite in images: the sqlite3 shell of ports/sqlite (SQLite 3.40.1
from Debian's sqlite3) in one boot per target, its arguments run in order:

1. apps/sqlite/script.sql, what `make -C apps/sqlite run` runs, on a
   database file on the ramfs root: every row must be, line for line,
   what the host's own sqlite3 (Debian's, the same version) prints for the
   same script on a file of the host;
2. the file again after closing it (what was written is read back), a
   big delete rolled back from the journal, the file's size as SQLite and
   stat() see it, a folder and files made and listed by the shell's
   writefile()/fsdir() (mkdir, open, write, getdents64, stat);
3. an in-memory database (:memory:);
4. a database created in a host folder shared over virtio-9p (make run
   SHARE=), into which the image copies a row of a database the host made
   (ATTACH): afterwards the host's sqlite3 opens the image's file, checks
   its integrity and reads the rows;
5. a failing statement: the shell's error and exit status 1 through the
   platform's exit path, and nothing after it run."""
import os
import re
import secrets
import shlex
import subprocess
import tempfile

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(ROOT, "apps", "sqlite")
TARGETS = ["kvm-x86_64", "virt-arm64"]
# The version of ports/sqlite, which the host's sqlite3 must have for its
# output to be the reference.
VERSION = "3.40.1"
# apps/sqlite's app.config has the file systems and virtio-9p; the share
# is mounted as make run SHARE= mounts it.
KARGS = "vfs.mount=9p:share:/share"
# Per run: what the host's database holds, which the image must copy.
TOKEN = f"host-{secrets.token_hex(6)}"


def script_word():
    """script.sql as the kernel command line's word, made by the app's own
    sql-to-arg (what make run passes)."""
    p = subprocess.run([os.path.join(APP, "sql-to-arg"), os.path.join(APP, "script.sql")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"apps/sqlite/sql-to-arg failed: {p.stderr.strip()}")
    return p.stdout.strip()


SCRIPT = script_word()
# 2. The file on ramfs again. 16877 is 040755, a folder's mode.
RAMFS = ('".open /ram.db" '
         "\"SELECT 'reopen', count(*), sum(i), (SELECT group_concat(name) FROM (SELECT name FROM fruit ORDER BY id)) FROM big\" "
         "\"BEGIN; DELETE FROM big; DELETE FROM fruit; SELECT 'deleted', count(*) FROM big; "
         "ROLLBACK; SELECT 'rolled-back', count(*), sum(i) FROM big; "
         "SELECT 'pages', journal_mode, page_count * page_size FROM pragma_journal_mode, "
         "pragma_page_count, pragma_page_size; "
         "SELECT 'stat', name, mode, length(data) FROM fsdir('/ram.db'); "
         "SELECT 'made', writefile('/d', NULL, 16877), writefile('/d/a.txt', 'one'), "
         "writefile('/d/b.txt', 'three'), readfile('/d/b.txt'); "
         "SELECT 'listed', group_concat(name || ':' || coalesce(length(data), 'dir'), ' ') "
         "FROM (SELECT * FROM fsdir('/d') ORDER BY name)\"")
# 3. In memory.
MEMORY = ("'.open :memory:' \"SELECT 'memory', count(*), sum(i), (SELECT count(*) FROM "
          "sqlite_schema) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
          "WHERE i < 1000) SELECT i FROM n)\"")
# 4. On the share: the host's row and one of the ramfs file's.
SHARE = ("'.open /share/from-image.db' \"CREATE TABLE t(k TEXT, v); "
         "ATTACH '/share/host.db' AS h; ATTACH '/ram.db' AS r; "
         "INSERT INTO t SELECT 'from-host', v FROM h.t; "
         "INSERT INTO t SELECT 'from-ramfs', sum(i) FROM r.big; "
         "SELECT 'share', k, v FROM t ORDER BY k\"")
# 5. The end.
FAILING = "'SELECT * FROM no_such_table' \"SELECT 'not reached'\""
ARGS = f"-bail /ram.db {SCRIPT} {RAMFS} {MEMORY} {SHARE} {FAILING}"


def host_sqlite3(args, cwd=None):
    """What Debian's sqlite3 prints for args (a list)."""
    try:
        v = subprocess.run(["sqlite3", "-version"], capture_output=True, text=True)
    except FileNotFoundError:
        raise AssertionError("the host has no sqlite3, the reference for this test: run "
                             "'sudo support/scripts/install-deps' (Debian sqlite3)")
    if not v.stdout.startswith(VERSION + " "):
        raise AssertionError(f"the host's sqlite3 is {v.stdout.split()[:1]}, not {VERSION} "
                             "(ports/sqlite's): its output is no reference")
    p = subprocess.run(["sqlite3"] + args, capture_output=True, text=True, cwd=cwd)
    if p.returncode != 0:
        raise AssertionError(f"the host's sqlite3 failed on {args[1:2]} ({p.returncode}): "
                             f"{p.stderr.strip()}")
    return p.stdout.splitlines()


def script_rows():
    """The rows of script.sql by the host's sqlite3, on a file."""
    with tempfile.TemporaryDirectory(prefix="ts-sqlite.") as d:
        # The word as the kernel splits it (as a shell does).
        return host_sqlite3(["-bail", os.path.join(d, "ram.db")] + shlex.split(SCRIPT))


def same_as_host(r):
    """Every row the host's sqlite3 prints for script.sql, in order and
    exactly, before the rows of the checks that follow; nothing else from
    the shell in between (the kernel's own lines may be)."""
    want = script_rows()
    if len(want) < 20:
        raise AssertionError(f"the host's sqlite3 printed {len(want)} lines for the script")
    lines = r.output.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln == want[0]), None)
    if first is None:
        raise AssertionError(f"no line {want[0]!r} (the script's first row)")
    got = [ln for ln in lines[first:] if not re.match(r"^(syscall|tessera|vfs|virtio|9p\w*): ", ln)]
    for i, w in enumerate(want):
        if i >= len(got) or got[i] != w:
            raise AssertionError(f"row {i + 1} of the script: got "
                                 f"{got[i] if i < len(got) else None!r}, the host's sqlite3 "
                                 f"printed {w!r}")
    if not got[len(want):] or not got[len(want)].startswith("reopen|"):
        raise AssertionError(f"after the script's rows: {got[len(want):len(want) + 2]!r}, "
                             "not the reopened file's")


def fill(folder):
    """The host's database, with a row the image cannot know beforehand."""
    host_sqlite3([os.path.join(folder, "host.db"),
                  f"CREATE TABLE t(v TEXT); INSERT INTO t VALUES ('{TOKEN}')"])


def written(folder):
    """The image's database, as the host's sqlite3 reads it."""
    path = os.path.join(folder, "from-image.db")
    if not os.path.isfile(path):
        raise AssertionError("the image left no from-image.db in the shared folder")
    left = sorted(set(os.listdir(folder)) - {"host.db", "from-image.db"})
    if left:
        raise AssertionError(f"the image left {left} in the shared folder (a journal?)")
    got = host_sqlite3([path, "PRAGMA integrity_check", "SELECT k, v FROM t ORDER BY k"])
    want = ["ok", "from-host|" + TOKEN, f"from-ramfs|{sum(range(1, 20001))}"]
    if got != want:
        raise AssertionError(f"the host's sqlite3 reads {got} from from-image.db, not {want}")


def sizes_agree(r):
    """The size SQLite computes (pages x page size) is the size stat()
    reports and the bytes read back."""
    pages = re.search(r"^pages\|delete\|(\d+)$", r.output, re.M)
    stat = re.search(r"^stat\|/ram\.db\|33188\|(\d+)$", r.output, re.M)
    if not pages or not stat or pages.group(1) != stat.group(1):
        raise AssertionError(f"database size {pages and pages.group(1)} by SQLite, "
                             f"{stat and stat.group(1)} read from the file")


CASES = [
    Case("sqlite-shell", "apps/sqlite", args=ARGS, kargs=KARGS, targets=TARGETS,
         status=1, timeout=90, share=fill, share_verify=written,
         expect=[r"^rows\|4\|39\|15\.5\|0\.950$", r"^ok$", rf"^version\|{re.escape(VERSION)}\|",
                 r"^reopen\|20000\|200010000\|apple,pear,fig$",
                 r"^deleted\|0$", r"^rolled-back\|20000\|200010000$",
                 r"^pages\|delete\|(\d+)$",
                 r"^stat\|/ram\.db\|33188\|(\d+)$",
                 r"^made\|\|3\|5\|three$",
                 r"^listed\|/d:dir /d/a\.txt:3 /d/b\.txt:5$",
                 r"^memory\|1000\|500500\|0$",
                 rf"^share\|from-host\|{TOKEN}$",
                 rf"^share\|from-ramfs\|{sum(range(1, 20001))}$",
                 r"^Error: in prepare, no such table: no_such_table$"],
         absent=[r"not reached", r"\*\*\* ", r"^Error: (?!in prepare, no such table: no_such_table$)"],
         verify=lambda r: (same_as_host(r), sizes_agree(r))),
]

