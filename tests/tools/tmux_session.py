#!/usr/bin/env python3
"""A rehearsal over SSH, as tmux gives it: lectern in a tmux pane with no
locale set (LANG, LC_ALL and LC_CTYPE unset, as when sshd forwards none),
paged with the keys a lecturer uses, then the connection drops (the tmux
server is killed: lectern gets SIGHUP), then lectern is started again in
a new server.

usage: tmux_session.py LECTERN DECK

Checks: the deck's title shows in CJK without a locale; j moves to slide
3; after the drop lectern leaves its resume state under XDG_STATE_HOME
(never beside the deck) and exits; started again it reopens at slide 3
and says so; q then ends it with status 0. Each tmux server is private
(its own socket, no config file) and killed at the end. Exits 77
(skipped) when tmux is not installed."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import check, done  # noqa: E402


class Tmux:
    """A private tmux server running one command in a pane of 80x24."""

    def __init__(self, name, command, env):
        self.base = ["tmux", "-L", name, "-f", "/dev/null"]
        subprocess.run(self.base + ["new-session", "-d", "-x", "80", "-y", "24",
                                    "-s", "t", command], env=env, check=True)

    def run(self, *args):
        return subprocess.run(self.base + list(args), capture_output=True,
                              text=True)

    def screen(self):
        return self.run("capture-pane", "-t", "t", "-p").stdout

    def wait_for(self, text, seconds=10):
        """The screen once it shows text, or the last one seen."""
        end = time.monotonic() + seconds
        while True:
            s = self.screen()
            if text in s or time.monotonic() > end:
                return s
            time.sleep(0.05)

    def keys(self, *keys):
        self.run("send-keys", "-t", "t", *keys)

    def kill(self):
        self.run("kill-server")


def status(screen):
    lines = [l for l in screen.splitlines() if l.strip()]
    return lines[-1] if lines else ""


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    if not shutil.which("tmux"):
        print("tmux is not installed: skipped")
        return 77
    lectern, deck = (os.path.abspath(a) for a in argv[1:])
    title = json.loads(subprocess.run([lectern, "--export", "json", deck],
                                      capture_output=True, text=True,
                                      check=True).stdout)["title"]
    deck_dir = os.path.dirname(deck)
    beside = sorted(os.listdir(deck_dir))
    tmp = tempfile.mkdtemp(prefix="lectern-tmux-")
    servers = []
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("LANG", "LC_ALL", "LC_CTYPE", "TMUX")}
        state = os.path.join(tmp, "state")
        env.update(XDG_STATE_HOME=state,
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_RUNTIME_DIR=tmp)
        # the pane's command: tmux starts it through a shell with this
        # environment; the locale is unset there too
        exit_file = os.path.join(tmp, "status")
        command = ("unset LANG LC_ALL LC_CTYPE; '%s' '%s'; echo $? > '%s.new' && "
                   "mv '%s.new' '%s'" % (lectern, deck, exit_file, exit_file,
                                          exit_file))
        name = "lectern-test-%d" % os.getpid()

        first = Tmux(name, command, env)
        servers.append(first)
        s = first.wait_for(title)
        check(title in s, "the title %r shows with no locale set: %r"
              % (title, s))
        first.keys("j", "j")
        s = first.wait_for(" 3/")
        check(" 3/" in status(s), "j j reaches slide 3: %r" % status(s))
        # the connection drops
        first.kill()
        servers.remove(first)
        resume = os.path.join(state, "lectern", "resume")

        def saved():
            files = os.listdir(resume) if os.path.isdir(resume) else []
            return files, any(f.endswith(".tsv") for f in files)
        end = time.monotonic() + 5
        while time.monotonic() < end and not saved()[1]:
            time.sleep(0.05)
        files, ok = saved()
        check(ok,
              "resume state under XDG_STATE_HOME after the drop: %r" % files)
        check(sorted(os.listdir(deck_dir)) == beside,
              "nothing written beside the deck: %r"
              % sorted(set(os.listdir(deck_dir)) - set(beside)))

        if os.path.exists(exit_file):  # the dropped run's shell, if any
            os.remove(exit_file)
        again = Tmux(name, command, env)
        servers.append(again)
        s = again.wait_for("resumed")
        check("resumed at slide 3" in s and " 3/" in status(s),
              "started again, it reopens at slide 3 and says so: %r"
              % status(s))
        again.keys("q")
        # the shell that ran it writes its status (tmux itself may reap
        # its pane's process late)
        end = time.monotonic() + 5
        while time.monotonic() < end and not os.path.exists(exit_file):
            time.sleep(0.05)
        code = open(exit_file).read().strip() if os.path.exists(exit_file) else None
        check(code == "0", "q ends it with status 0: %r" % code)
    finally:
        for t in servers:
            t.kill()
        shutil.rmtree(tmp)
    return done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
