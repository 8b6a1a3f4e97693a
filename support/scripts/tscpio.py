"""Packing a folder into a cpio archive in the "newc" format (070701), the
initrd format lib/initrd reads: `make run ROOTFS=folder` and `make sdcard
ROOTFS=folder` call it, the image tests use it to make their archives.

Our own packer rather than the host's cpio: the same bytes for the same
folder (entries sorted by name, uid, gid and mtime 0, inode numbers
counted from 1), no tool to install, and errors that name the file.
Directories, regular files and symbolic links are packed with their
permission bits; anything else (devices, FIFOs, sockets) is an error, as
is a name that does not fit the format. Hard links become separate files.

usage: tscpio.py FOLDER ARCHIVE
"""
import os
import stat
import sys

TRAILER = "TRAILER!!!"


class PackError(Exception):
    """A folder that cannot be packed, with the reason."""


def _pad4(n):
    return (4 - n % 4) % 4


def entry(name, mode, data=b"", ino=0, nlink=1, magic=b"070701", check=0, rdev=(0, 0)):
    """One entry's bytes: header, name, padding, data, padding. Offsets
    in the archive start at 0, so each entry starts aligned to 4. rdev:
    a device node's (major, minor), for archives written without root
    (bench/linux-guest's /dev/console)."""
    raw = name.encode("utf-8") + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(raw), check]
    header = magic + b"".join(f"{v:08x}".encode() for v in fields)
    head = header + raw
    return head + b"\0" * _pad4(len(head)) + data + b"\0" * _pad4(len(data))


def trailer():
    return entry(TRAILER, 0, nlink=1)


def pack(folder):
    """The archive of folder's contents (not the folder itself) as bytes;
    PackError names the first file that cannot be packed."""
    if not os.path.isdir(folder):
        raise PackError(f"{folder}: not a folder" if os.path.exists(folder)
                        else f"{folder}: no such folder")
    out = []
    ino = 0
    for top, dirs, files in os.walk(folder, onerror=_raise):
        dirs.sort()
        for name in sorted(dirs + files):
            path = os.path.join(top, name)
            rel = os.path.relpath(path, folder)
            try:
                st = os.lstat(path)
            except OSError as e:
                raise PackError(f"{path}: {e.strerror}") from None
            perm = stat.S_IMODE(st.st_mode)
            ino += 1
            if stat.S_ISLNK(st.st_mode):
                data = os.readlink(path).encode("utf-8")
                out.append(entry(rel, stat.S_IFLNK | perm, data, ino))
            elif stat.S_ISDIR(st.st_mode):
                out.append(entry(rel, stat.S_IFDIR | perm, b"", ino, nlink=2))
            elif stat.S_ISREG(st.st_mode):
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError as e:
                    raise PackError(f"{path}: {e.strerror}") from None
                if len(data) > 0xffffffff:
                    raise PackError(f"{path}: larger than 4 GiB, the most a newc "
                                    "archive holds per file")
                out.append(entry(rel, stat.S_IFREG | perm, data, ino))
            else:
                raise PackError(f"{path}: not a file, folder or symbolic link "
                                "(devices, FIFOs and sockets cannot go into the initrd)")
        # Symbolic links to folders are packed as links, not followed:
        # os.walk lists them in dirs but does not descend (followlinks off).
    out.append(trailer())
    return b"".join(out)


def _raise(e):
    raise PackError(f"{e.filename}: {e.strerror}")


def write(folder, archive):
    """Pack folder into the file archive (its folder made if missing)."""
    data = pack(folder)
    os.makedirs(os.path.dirname(os.path.abspath(archive)), exist_ok=True)
    tmp = f"{archive}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, archive)
    return len(data)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tscpio.py FOLDER ARCHIVE")
    try:
        write(sys.argv[1], sys.argv[2])
    except PackError as e:
        sys.exit(f"tessera: ROOTFS: {e}")


if __name__ == "__main__":
    main()
