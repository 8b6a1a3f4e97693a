"""apps/nginx in images: nginx 1.22.1 of ports/nginx (Debian's nginx,
built without its configure) in one boot per target, as far as it goes
without sockets: `nginx -V -t` on a configuration with no server, read
from an initrd made by the app's own mkrootfs: nginx's version line,
then the whole start-up of a configuration test (the configuration
parsed, every module's configuration made, /etc/passwd and /etc/group
read for the user nobody, the pid file written, the logs opened),
"test is successful" and exit status 0, with no system call missing on
the way (syscall.trace=1 names each that is). The HTTP checks with curl
need the sockets of lib/socket and lwIP (not in this tree yet)."""
import os
import re
import subprocess
import sys

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(ROOT, "apps", "nginx")
TARGETS = ["kvm-x86_64", "virt-arm64"]
CHECK_CONF = "/etc/nginx/check.conf"
# A path opened, as the trace names it: open on x86_64, openat on arm64.
OPEN = r"^syscall: \[\d+ main\] open(at)?\((AT_FDCWD, )?\""

sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tscpio  # noqa: E402


def check_conf(conf):
    """The app's nginx.conf without its server block: the same settings,
    and no port to listen on, so nginx -t needs no socket."""
    out, n = re.subn(r"\n    server \{.*?\n    \}\n", "\n", conf, flags=re.S)
    if n != 1:
        raise RuntimeError("apps/nginx/rootfs/etc/nginx/nginx.conf: no 'server {' block found")
    return out


def initrd(tmp):
    """apps/nginx/mkrootfs's folder, plus check.conf, packed."""
    top = os.path.join(tmp, "rootfs")
    subprocess.run([os.path.join(APP, "mkrootfs"), top], check=True)
    with open(os.path.join(top, "etc", "nginx", "nginx.conf")) as f:
        conf = f.read()
    with open(os.path.join(top, "etc", "nginx", "check.conf"), "w") as f:
        f.write(check_conf(conf))
    path = os.path.join(tmp, "rootfs.cpio")
    tscpio.write(top, path)
    return path


CASES = [
    Case("nginx-check", "apps/nginx", args=f"-V -t -c {CHECK_CONF}", kargs="syscall.trace=1",
         targets=TARGETS, initrd=initrd, timeout=60,
         expect=[r"^nginx version: nginx/1\.22\.1$",
                 OPEN + r"/etc/nginx/check\.conf\", O_RDONLY",
                 rf"^nginx: the configuration file {re.escape(CHECK_CONF)} syntax is ok$",
                 OPEN + r"/etc/passwd\", .* = 3$",
                 OPEN + r"/etc/group\", .* = 3$",
                 OPEN + r"/nginx\.pid\", O_RDWR\|O_CREAT.* = 3$",
                 OPEN + r"/dev/stderr\", .* = 3$",
                 rf"^nginx: configuration file {re.escape(CHECK_CONF)} test is successful$"],
         absent=[r"is not implemented", r"\[emerg\]", r"\[alert\]", r"= -1 ENOSYS"]),
]
