#!/usr/bin/env python3
"""`meson install` into a scratch DESTDIR, checked against README.md.

usage: install_test.py BUILD_DIR

- The files installed are exactly those README.md's "What gets installed"
  table lists (its /usr/local paths, under the build's prefix): a build
  that moves the completions elsewhere with an option fails here.
- A default build's lectern links ncursesw, libtinfo, libunistring and
  inih as shared libraries (not with -Dprefer_static=true).
- The installed lectern exports its installed decks as the golden files
  say (tests/golden/demo.w80.txt, tour.w80.txt).
- `man -l` renders both installed pages, without a warning, each naming
  the directory the decks and example config went to, and `man -M`
  finds them by name.
- bash (through bash-completion), zsh and fish each find the installed
  completion where they look for it and complete the themes; a shell or
  bash-completion not installed is left out with a note.

Run by .ci/run after the build; needs no root."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from completions import from_help  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
failed = 0


def check(cond, what):
    global failed
    if not cond:
        failed += 1
    print("%s %s" % ("ok  " if cond else "FAIL", what))


def run(args, **kw):
    kw.setdefault("env", dict(os.environ, LC_ALL="C.UTF-8",
                              XDG_CONFIG_HOME="/nonexistent/lectern-tests"))
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def readme_paths():
    """The /usr/local paths in README.md's table of installed files."""
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        rows = re.findall(r"^\| `(/usr/local/[^`]+)` \|", f.read(), re.M)
    if not rows:
        sys.exit("README.md has no table of installed files (| `/usr/local/...` |)")
    return rows


def installed(destdir):
    out = set()
    for root, _, files in os.walk(destdir):
        for name in files:
            out.add("/" + os.path.relpath(os.path.join(root, name), destdir))
    return out


def test_files(destdir, prefix):
    want = {p.replace("/usr/local", prefix, 1) for p in readme_paths()}
    have = installed(destdir)
    for p in sorted(want):
        check(p in have, "installed: " + p)
    for p in sorted(have - want):
        check(False, "installed but not in README.md's table: " + p)
    return want


def test_linking(lectern, options):
    if options["prefer_static"]:
        print("note: -Dprefer_static=true, shared linking not checked")
        return
    r = run(["readelf", "-d", lectern])
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^]]+)\]", r.stdout)
    for lib in ["libncursesw.so", "libtinfo.so", "libunistring.so", "libinih.so"]:
        check(any(n.startswith(lib) for n in needed),
              "lectern links %s shared (NEEDED: %s)" % (lib, " ".join(needed)))


def test_decks(lectern, datadir):
    for deck, golden in [("neuroplasticity-and-depression.txt", "demo.w80.txt"),
                         ("tour.md", "tour.w80.txt")]:
        path = os.path.join(datadir, "lectern", "decks", deck)
        r = run([lectern, "--export", "text", path], cwd="/")
        with open(os.path.join(SOURCE, "tests", "golden", golden), encoding="utf-8") as f:
            want = f.read()
        check(r.returncode == 0 and r.stdout == want,
              "installed lectern --export text of the installed %s is "
              "tests/golden/%s (exit %d, %s)" % (deck, golden, r.returncode,
                                                 r.stderr.strip()))
    r = run([lectern, "--no-config", "--check-config"])
    check(r.returncode == 0, "installed lectern --check-config")


def test_man(mandir, pkgdatadir):
    if not shutil.which("man"):
        check(False, "man is not installed (apt-get install man-db)")
        return
    env = dict(os.environ, LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat", MANWIDTH="80")
    pages = [("1", "lectern", "present lecture decks in a terminal"),
             ("5", "lectern.ini", "settings")]
    for section, name, needle in pages:
        page = os.path.join(mandir, "man" + section, name + "." + section)
        r = run(["man", "-l", page], env=env)
        text = re.sub(r".\x08", "", r.stdout)
        check(r.returncode == 0 and not r.stderr.strip() and needle in text
              and "NAME" in text and len(text.splitlines()) > 20,
              "man -l %s renders (exit %d, %d lines, stderr %r)"
              % (page, r.returncode, len(text.splitlines()), r.stderr.strip()))
        # the installed decks and example config, where this build put them
        check(pkgdatadir in text, "man %s %s names %s" % (section, name, pkgdatadir))
        r = run(["man", "-M", mandir, "-w", section, name], env=env)
        check(r.returncode == 0 and r.stdout.strip() == page,
              "man -M %s %s %s finds %s (%r)" % (mandir, section, name, page,
                                                 r.stdout.strip() or r.stderr.strip()))


def shell_env(bindir, datadir, home):
    path = bindir + ":" + os.environ.get("PATH", "/usr/bin:/bin")
    return dict(os.environ, PATH=path, HOME=home, XDG_CONFIG_HOME=home,
                XDG_DATA_HOME=home, XDG_DATA_DIRS=datadir + ":/usr/share")


def test_completions(bindir, datadir, zsh_dir, home):
    env = shell_env(bindir, datadir, home)
    # the theme names the installed lectern's --help gives
    want = " ".join(from_help(os.path.join(bindir, "lectern"))[2]["themes"])
    # bash-completion loads a command's completion on first use, from
    # bash-completion/completions under each of XDG_DATA_DIRS
    loader = "/usr/share/bash-completion/bash_completion"
    if os.path.exists(loader):
        script = ('source %s; __load_completion lectern && complete -p lectern && '
                  'COMP_WORDS=(lectern --theme ""); COMP_CWORD=2; _lectern; '
                  'echo "${COMPREPLY[*]}"' % loader)
        r = run(["bash", "--norc", "--noprofile", "-c", script], env=env)
        check(r.stdout.split("\n")[:2] == ["complete -F _lectern lectern", want],
              "bash-completion loads the installed completion (%r %r)"
              % (r.stdout, r.stderr))
    else:
        print("note: bash-completion is not installed, its loading not checked")
    if shutil.which("zsh"):
        r = run(["zsh", "-f", os.path.join(HERE, "zsh_complete.zsh"), zsh_dir,
                 "lectern --theme "], env=env)
        got = " ".join(l for l in r.stdout.split("\n")[1:] if l)
        check(got == want, "zsh completes from %s (%r %r)" % (zsh_dir, got, r.stderr))
    else:
        print("note: zsh is not installed, not checked")
    if shutil.which("fish"):
        # fish loads completions for commands on PATH only
        r = run(["fish", "-c", "complete -C 'lectern --theme '"], env=env)
        got = " ".join(l.split("\t")[0] for l in r.stdout.split("\n") if l)
        check(got == want, "fish completes from its vendor_completions.d (%r %r)"
              % (got, r.stderr))
    else:
        print("note: fish is not installed, not checked")


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    build = os.path.abspath(argv[1])
    r = run(["meson", "introspect", build, "--buildoptions"])
    if r.returncode:
        sys.exit("meson introspect %s: %s" % (build, r.stderr))
    options = {o["name"]: o["value"] for o in json.loads(r.stdout)}
    prefix = options["prefix"]
    tmp = tempfile.mkdtemp(prefix="lectern-install-")
    try:
        destdir = os.path.join(tmp, "root")
        home = os.path.join(tmp, "home")
        os.mkdir(home)
        r = run(["meson", "install", "-C", build, "--no-rebuild", "--quiet",
                 "--destdir", destdir])
        check(r.returncode == 0, "meson install --destdir (%s)" % r.stderr.strip())
        if r.returncode:
            return 1
        under = lambda p: destdir + os.path.join(prefix, p)
        test_files(destdir, prefix)
        bindir, datadir = under(options["bindir"]), under(options["datadir"])
        lectern = os.path.join(bindir, "lectern")
        test_linking(lectern, options)
        test_decks(lectern, datadir)
        test_man(under(options["mandir"]),
                 os.path.join(prefix, options["datadir"], "lectern"))
        zsh_dir = options["zsh_completions_dir"] or os.path.join(
            options["datadir"], "zsh", "site-functions")
        test_completions(bindir, datadir, under(zsh_dir), home)
    finally:
        shutil.rmtree(tmp)
    print("%s" % ("%d failed" % failed if failed else "all passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
