#!/usr/bin/env python3
"""-o never destroys what is at the path (fileio.h): - is standard output,
a symlink is followed and stays a link, a FIFO, a socket and a character
device are written through, a replaced file keeps its mode and owner, and
a path that cannot be written gives one line, exit 3 and no change on disk.
Everything happens in a temporary directory: the real /dev is never
touched (the device nodes are made there with mknod when run as root).

usage: output.py LECTERN DEMO_DECK"""
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import WRAP, check, done  # noqa: E402


def run(args, cwd=None, preexec=None, timeout=120):
    r = subprocess.run(WRAP + list(args), capture_output=True, cwd=cwd,
                       preexec_fn=preexec, timeout=timeout)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def leftovers(*dirs):
    return [os.path.join(d, n) for d in dirs for n in os.listdir(d)
            if n.startswith(".lectern-")]


def one_line(err):
    return err.endswith("\n") and err.count("\n") == 1


def main(argv):
    lectern, demo = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    tmp = tempfile.mkdtemp(prefix="lectern-output-")
    export = [lectern, "--export", "text", "--width", "60", demo]
    rc, want, err = run(export)
    check(rc == 0 and want, "the export to stdout: %d %r" % (rc, err))
    root = os.geteuid() == 0

    def path(*names):
        return os.path.join(tmp, *names)

    def read(p):
        try:
            with open(p, "rb") as f:
                return f.read()
        except OSError:
            return None

    def write(p, data=b"old\n", mode=None):
        with open(p, "wb") as f:
            f.write(data)
        if mode is not None:
            os.chmod(p, mode)
        return p

    # - is standard output, not a file called "-"
    rc, out, err = run(export + ["-o", "-"], cwd=tmp)
    check(rc == 0 and out == want, "-o -: %d %r" % (rc, err))
    check(not os.path.exists(path("-")), "-o - made no file called -")

    # a symlink: the file it points to is replaced, the link stays
    os.mkdir(path("real"))
    os.mkdir(path("links"))
    target = write(path("real", "target.txt"))
    os.symlink("../real/target.txt", path("links", "link.txt"))
    rc, out, err = run(export + ["-o", path("links", "link.txt")])
    check(rc == 0 and out == b"", "-o link: %d %r" % (rc, err))
    check(os.path.islink(path("links", "link.txt")), "the link is still a link")
    check(read(target) == want, "the link's target holds the export")
    check(not leftovers(path("real"), path("links")), "no temporary file")
    # a chain of links, and one whose target does not exist yet
    os.symlink("links/link.txt", path("chain.txt"))
    write(target)
    rc, out, err = run(export + ["-o", path("chain.txt")])
    check(rc == 0 and read(target) == want and os.path.islink(path("chain.txt")),
          "-o through two links: %d %r" % (rc, err))
    os.symlink("real/new.txt", path("dangling.txt"))
    rc, out, err = run(export + ["-o", path("dangling.txt")])
    check(rc == 0 and read(path("real", "new.txt")) == want and
          os.path.islink(path("dangling.txt")), "-o dangling link: %d %r" % (rc, err))
    os.symlink("loop2", path("loop1"))
    os.symlink("loop1", path("loop2"))
    rc, out, err = run(export + ["-o", path("loop1")])
    check(rc == 3 and one_line(err) and "loop" in err, "-o a link loop: %d %r" % (rc, err))

    # a FIFO with a reader waiting: the reader gets the export
    fifo = path("fifo")
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
    rc, out, err = run(export + ["-o", fifo], timeout=60)
    try:
        got, _ = reader.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        reader.kill()
        got = b""
    check(rc == 0, "-o fifo: %d %r" % (rc, err))
    check(got == want, "the FIFO's reader got the export (%d bytes)" % len(got))
    check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO")

    # a Unix socket with a listener: it gets the export
    sock_path = path("sock")
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(sock_path)
    srv.listen(1)
    srv.settimeout(30)
    received = []

    def serve():
        try:
            conn, _ = srv.accept()
            conn.settimeout(30)
            chunks = []
            while True:
                b = conn.recv(65536)
                if not b:
                    break
                chunks.append(b)
            received.append(b"".join(chunks))
            conn.close()
        except OSError:
            pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    rc, out, err = run(export + ["-o", sock_path])
    t.join(30)
    check(rc == 0 and received and received[0] == want,
          "-o socket: %d %r" % (rc, err))
    check(stat.S_ISSOCK(os.lstat(sock_path).st_mode), "the socket is still a socket")
    srv.close()

    # an existing file keeps its mode (and, as root, its owner)
    private = write(path("private.txt"), mode=0o600)
    rc, out, err = run(export + ["-o", private])
    check(rc == 0 and read(private) == want, "-o a 600 file: %d %r" % (rc, err))
    check(stat.S_IMODE(os.stat(private).st_mode) == 0o600,
          "mode 600 kept: %o" % stat.S_IMODE(os.stat(private).st_mode))
    group = write(path("group.txt"), mode=0o640)
    run(export + ["-o", group])
    check(stat.S_IMODE(os.stat(group).st_mode) == 0o640, "mode 640 kept")
    if root:
        os.chown(group, 4321, 4322)
        rc, out, err = run(export + ["-o", group])
        st = os.stat(group)
        check(rc == 0 and (st.st_uid, st.st_gid) == (4321, 4322),
              "owner kept: %d %d:%d" % (rc, st.st_uid, st.st_gid))
    # a new file gets 666 less the umask
    old = os.umask(0o027)
    rc, out, err = run(export + ["-o", path("new.txt")])
    os.umask(old)
    check(rc == 0 and stat.S_IMODE(os.stat(path("new.txt")).st_mode) == 0o640,
          "a new file: 666 less the umask")

    # paths that cannot be written: one line, exit 3, nothing changed
    def refused(p, what, needle=None, preexec=None):
        before = sorted(os.listdir(tmp))
        rc, out, err = run(export + ["-o", p], preexec=preexec)
        check(rc == 3 and one_line(err) and out == b"",
              "%s: exit %d, one line: %r" % (what, rc, err))
        if needle:
            check(needle in err, "%s: %r in %r" % (what, needle, err))
        check(sorted(os.listdir(tmp)) == before, "%s: nothing new in the directory" % what)
        check(not leftovers(tmp, path("real")), "%s: no temporary file" % what)

    refused(path("no", "such", "dir.txt"), "a missing directory", "No such file")
    refused(path("private.txt", "x"), "a file as a directory")
    os.mkdir(path("adir"))
    refused(path("adir"), "a directory", "directory")
    if not root:
        os.mkdir(path("locked"), 0o555)
        refused(path("locked", "out.txt"), "a read-only directory", "Permission denied")
        ro = write(path("readonly.txt"), mode=0o444)
        refused(ro, "a read-only file", "Permission denied")
        check(read(ro) == b"old\n", "the read-only file is unchanged")

    # a write that fails half-way (a file size limit) leaves the old file
    # as it was and no temporary file behind
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    kept = write(path("kept.txt"), b"precious\n", mode=0o600)
    refused(kept, "a write that fails half-way", "too large", preexec=small_files)
    check(read(kept) == b"precious\n" and
          stat.S_IMODE(os.stat(kept).st_mode) == 0o600, "the old file is untouched")

    # device nodes made here, never the real /dev
    if root:
        null = path("null")
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        rc, out, err = run(export + ["-o", null])
        st = os.lstat(null)
        check(rc == 0 and stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3),
              "-o a null device: written through, still a device: %d %r" % (rc, err))
        full = path("full")
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        rc, out, err = run(export + ["-o", full])
        check(rc == 3 and one_line(err) and "No space" in err,
              "-o a full device: %d %r" % (rc, err))
        check(stat.S_ISCHR(os.lstat(full).st_mode), "the full device is still a device")
        os.symlink("null", path("stdout-like"))
        rc, out, err = run(export + ["-o", path("stdout-like")])
        check(rc == 0 and os.path.islink(path("stdout-like")) and
              stat.S_ISCHR(os.lstat(null).st_mode), "a link to a device: both stay")
        disk = path("disk")
        os.mknod(disk, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
        refused(disk, "a block device", "block device")
        check(stat.S_ISBLK(os.lstat(disk).st_mode), "the block device is still there")
    else:
        print("not root: the device-node cases are skipped")

    # never over the deck, also through a link to it
    deck = write(path("deck.txt"), read(demo))
    os.symlink("deck.txt", path("deck-link.txt"))
    for p in (deck, path("deck-link.txt")):
        rc, out, err = run([lectern, "--export", "json", "-o", p, deck])
        check(rc == 2 and "refusing" in err and one_line(err), "-o the deck (%s): %d %r" % (p, rc, err))
    rc, out, err = run([lectern, "--export", "json", "-o", deck, path("deck-link.txt")])
    check(rc == 2 and "refusing" in err, "-o the deck, the deck through a link: %d %r" % (rc, err))
    check(read(deck) == read(demo) and os.path.islink(path("deck-link.txt")), "the deck is untouched")

    shutil.rmtree(tmp, ignore_errors=True)
    return done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
