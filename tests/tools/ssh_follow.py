#!/usr/bin/env python3
"""Following a presenter across SSH, as the manual shows it: a private sshd
on the loopback (its own host key, config and authorized key, in a
temporary directory), a presenter in a pty, `ssh -N -L LOCAL.sock:REMOTE.sock`
forwarding the presenter's Unix socket, and a follower in another pty that
connects to the forwarded socket and follows two page turns.

usage: ssh_follow.py LECTERN DECK
Exits 77 (skipped) when sshd, ssh or ssh-keygen is not installed."""
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77


def find(name, extra=()):
    for d in list(extra) + os.environ.get("PATH", "").split(":"):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    return None


def spawn(argv, env, cols=80, rows=24):
    """Starts argv in a pty; returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl
        import struct
        import termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execve(argv[0], argv, env)
    return pid, fd


class Pty:
    def __init__(self, argv, env, cols=80, rows=24):
        self.pid, self.fd = spawn(argv, env, cols, rows)
        self.out = b""

    def wait_for(self, needle, timeout=8.0):
        end = time.time() + timeout
        while time.time() < end:
            if needle.encode() in self.out:
                return True
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    self.out += os.read(self.fd, 65536)
                except OSError:
                    return needle.encode() in self.out
        return False

    def send(self, s):
        os.write(self.fd, s.encode())

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    lectern, deck = os.path.abspath(sys.argv[1]), sys.argv[2]
    sshd = find("sshd", ["/usr/sbin", "/usr/local/sbin"])
    ssh, keygen = find("ssh"), find("ssh-keygen")
    if not (sshd and ssh and keygen):
        print("sshd, ssh or ssh-keygen missing: skipped")
        return SKIP
    tmp = tempfile.mkdtemp(prefix="lectern-ssh-")
    os.chmod(tmp, 0o700)
    procs = []
    try:
        for key in ("host", "user"):
            subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f",
                            f"{tmp}/{key}"], check=True)
        shutil.copy(f"{tmp}/user.pub", f"{tmp}/authorized_keys")
        os.chmod(f"{tmp}/authorized_keys", 0o600)
        port = free_port()
        with open(f"{tmp}/sshd_config", "w") as f:
            f.write(f"""ListenAddress 127.0.0.1
Port {port}
HostKey {tmp}/host
AuthorizedKeysFile {tmp}/authorized_keys
PidFile {tmp}/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
AllowStreamLocalForwarding yes
StreamLocalBindUnlink yes
""")
        os.makedirs("/run/sshd", exist_ok=True)
        sshd_proc = subprocess.Popen([sshd, "-D", "-e", "-f", f"{tmp}/sshd_config"],
                                     stderr=subprocess.PIPE)
        procs.append(sshd_proc)
        time.sleep(0.5)
        if sshd_proc.poll() is not None:
            print("sshd would not start here: skipped:",
                  sshd_proc.stderr.read().decode(errors="replace")[:300])
            return SKIP
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8",
                   XDG_CONFIG_HOME="/nonexistent")
        env.pop("NO_COLOR", None)
        remote = f"{tmp}/remote.sock"
        local = f"{tmp}/local.sock"
        pres = Pty([lectern, "--present", "--socket", remote, deck], env, 120, 40)
        if not pres.wait_for("follower"):
            print("the presenter did not start:", pres.out[-300:])
            return 1
        user = os.environ.get("USER") or os.environ.get("LOGNAME") or "root"
        fwd = subprocess.Popen([ssh, "-N", "-i", f"{tmp}/user", "-p", str(port),
                                "-o", "StrictHostKeyChecking=no",
                                "-o", "UserKnownHostsFile=/dev/null",
                                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                                "-o", "ExitOnForwardFailure=yes",
                                "-L", f"{local}:{remote}", f"{user}@127.0.0.1"],
                               stderr=subprocess.PIPE)
        procs.append(fwd)
        for _ in range(100):
            if os.path.exists(local) or fwd.poll() is not None:
                break
            time.sleep(0.05)
        if not os.path.exists(local):
            err = fwd.stderr.read().decode(errors="replace") if fwd.poll() is not None else ""
            print("ssh could not forward the socket here: skipped:", err[:300])
            return SKIP
        follow = Pty([lectern, "--follow", local], env, 80, 24)
        failures = 0
        # what each slide shows (curses sends only changed cells, so the
        # slide numbers in the status line do not come whole)
        if not follow.wait_for("Bridges, Loads and Materials"):
            print("FAIL: the follower shows nothing through ssh:", follow.out[-300:])
            failures += 1
        pres.send("4\r")
        if not follow.wait_for("Load Paths"):
            print("FAIL: a page turn did not cross ssh")
            failures += 1
        pres.send("7\r")
        if not follow.wait_for("Weathering Steel"):
            print("FAIL: a second page turn did not cross ssh:",
                  follow.out[-400:], pres.out[-400:])
            failures += 1
        follow.send("q")
        pres.send("q")
        time.sleep(0.3)
        follow.close()
        pres.close()
        print(f"{3 - failures} passed, {failures} failed")
        return 1 if failures else 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
