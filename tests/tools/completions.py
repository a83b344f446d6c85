#!/usr/bin/env python3
"""The shell completions (completions/) against `lectern --help`.

usage: completions.py LECTERN COMPLETIONS_DIR sync|bash|zsh|fish DEMO_DECK

sync   every option, export format, deck format and theme that --help
       names is in the bash, zsh and fish files, and the files name nothing
       else; the names read from --help are ones lectern accepts
bash   sources the file in `bash --norc`, checks `complete -p lectern` and
       calls the completion function with COMP_WORDS and COMP_CWORD set
zsh    completes through a real interactive zsh (zpty, zsh_complete.zsh)
fish   completes with `fish --no-config -c 'complete -C...'`

The shell modes also complete every long option, the export and deck
formats and the themes, so that what the shell offers, not just the
file's text, follows --help. A shell that is not installed skips (exit 77)."""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
failed = 0


def check(cond, what):
    global failed
    if not cond:
        failed += 1
        print("FAIL:", what)


# An option line of --help: "  -e, --export FORMAT  text" or
# "      --no-config      text"; its description may go on below.
OPTION_LINE = re.compile(r"^\s{2,}(?:-([A-Za-z0-9]), )?--([a-z0-9][a-z0-9-]*)(.*)$")
# A list of names in prose: "text or json", "dark, light or mono".
NAME_LIST = re.compile(r"\b([a-z0-9-]+(?:, [a-z0-9-]+)*,? or [a-z0-9-]+)\b")


def read_help(lectern):
    """(short options, long options, {long option: its description})"""
    out = subprocess.run([lectern, "--help"], capture_output=True, text=True,
                         check=True).stdout
    shorts, longs, text = set(), [], {}
    current = None
    for line in out.splitlines():
        m = OPTION_LINE.match(line)
        if m:
            if m.group(1):
                shorts.add(m.group(1))
            current = m.group(2)
            longs.append(current)
            text[current] = m.group(3)
        elif current and line.startswith("   ") and line.strip():
            text[current] += " " + line.strip()
        else:
            current = None
    return shorts, longs, text


def names_in(description, what):
    """The names listed in an option's description ("text, json or md")."""
    lists = NAME_LIST.findall(description or "")
    if not lists:
        sys.exit("cannot find the %s in --help: %r" % (what, description))
    return sorted(re.split(r",? or |, ", lists[-1]))


def lectern_accepts(lectern, option, value, demo):
    """lectern takes VALUE for OPTION: no "unknown ..." usage error."""
    r = subprocess.run([lectern, "--no-config", option, value, "--check", demo],
                       capture_output=True, text=True)
    return "unknown" not in r.stderr


def from_help(lectern):
    shorts, longs, text = read_help(lectern)
    if not longs:
        sys.exit("no options found in lectern --help")
    names = {"formats": names_in(text.get("export"), "export formats"),
             "deck_formats": names_in(text.get("format"), "deck formats"),
             "themes": names_in(text.get("theme"), "themes")}
    return shorts, longs, names


# ---------------------------------------------------------------- sync

def listed(source, pattern, what, path):
    m = re.search(pattern, source, re.M)
    if not m:
        check(False, "%s: no list of %s found" % (path, what))
        return []
    return sorted(m.group(1).replace("'", "").split())


def options_of(bash_source):
    """The bash file's list of options, "local options='...'"."""
    m = re.search(r"^\s*local options='([^']*)'", bash_source, re.M)
    return m.group(1) if m else ""


# The option whose value each list of names is, and how each file spells
# an option and a list of names.
OPTION_OF = {"formats": "--export", "deck_formats": "--format", "themes": "--theme"}
FILES = {
    "lectern.bash": (
        lambda s: set(re.findall(r"(?<![\w-])--([a-z0-9][a-z0-9-]*)", options_of(s))),
        lambda s: set(re.findall(r"(?<![\w-])-([A-Za-z0-9])(?![\w-])", options_of(s))),
        r"^\s*local %s=('[^']*')"),
    "_lectern": (
        lambda s: set(re.findall(r"[{,'\")]--([a-z0-9][a-z0-9-]*)[=\[,}]", s)),
        lambda s: set(re.findall(r"[{,'\")]-([A-Za-z0-9])[+\[,}]", s)),
        r"^local -a %s=\(([^)]*)\)"),
    "lectern.fish": (
        lambda s: set(re.findall(r"^complete -c lectern .*-l ([a-z0-9-]+)", s, re.M)),
        lambda s: set(re.findall(r"^complete -c lectern .*-s ([A-Za-z0-9])", s, re.M)),
        r"^set -l %s (.*)$"),
}


def sync(lectern, compdir, demo):
    shorts, longs, names = from_help(lectern)
    for what, values in names.items():
        for v in values:
            check(lectern_accepts(lectern, OPTION_OF[what], v, demo),
                  "--help names %s %r, which lectern refuses" % (what, v))
    for name, (long_re, short_re, list_re) in FILES.items():
        path = os.path.join(compdir, name)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        code = "\n".join(l for l in source.splitlines() if not l.lstrip().startswith("#"))
        have = long_re(code)
        for o in longs:
            check(o in have, "%s: --%s (in lectern --help) is missing" % (name, o))
        for o in sorted(have - set(longs)):
            check(False, "%s: --%s is not in lectern --help" % (name, o))
        have = short_re(code)
        for o in sorted(shorts):
            check(o in have, "%s: -%s (in lectern --help) is missing" % (name, o))
        for o in sorted(have - shorts):
            check(False, "%s: -%s is not in lectern --help" % (name, o))
        for what, values in names.items():
            have = listed(code, list_re % what, what, name)
            check(have == values, "%s: %s %s, lectern --help says %s"
                  % (name, what, have, values))
    print("%d long options, %d short; %s"
          % (len(longs), len(shorts),
             "; ".join("%s %s" % (k, " ".join(v)) for k, v in names.items())))


# ------------------------------------------------------- shells at work

def make_tree():
    """A directory of decks and other files to complete in, and a runtime
    directory (XDG_RUNTIME_DIR) where a presenter "talk" is running."""
    tmp = tempfile.mkdtemp(prefix="lectern-comp-")
    for name in ["talk.txt", "slides.md", "notes.markdown", "data.json",
                 "theme.ini", "with space/inner.txt", "sub/deck.txt"]:
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").close()
    run = tempfile.mkdtemp(prefix="lectern-comp-run-")
    os.mkdir(os.path.join(run, "lectern"), 0o700)
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(os.path.join(run, "lectern", "talk.sock"))
    open(os.path.join(run, "lectern", "stale.sock"), "w").close()  # no socket
    return tmp, run


# What completing each line must give, from --help; "dir/" marks a
# directory, whatever the shell's way of showing one.
def cases(longs, names):
    decks = ["-", "notes.markdown", "slides.md", "sub/", "talk.txt", "with space/"]
    files = ["data.json", "notes.markdown", "slides.md", "sub/", "talk.txt",
             "theme.ini", "with space/"]
    return [
        ("lectern ", decks),
        ("lectern --export text ", decks),
        ("lectern --theme ", names["themes"]),
        ("lectern --theme=", names["themes"]),
        ("lectern --export ", names["formats"]),
        ("lectern -e ", names["formats"]),
        ("lectern --export=", names["formats"]),
        ("lectern --format ", names["deck_formats"]),
        ("lectern -f ", names["deck_formats"]),
        ("lectern --", ["--" + o for o in longs]),
        ("lectern --th", ["--" + o for o in longs if o.startswith("th")]),
        ("lectern -o ", files),
        ("lectern --socket ", files),
        ("lectern --follow ", ["talk"] + files),
        ("lectern --follow t", ["talk", "talk.txt", "theme.ini"]),
        ("lectern --config th", ["theme.ini"]),
        ("lectern --width ", []),
        ("lectern --duration ", []),
        ("lectern --encoding GB", ["GB18030", "GBK"]),
        ("lectern --plan ", ["last"] + files),
        ("lectern wi", ["with space/"]),
        ("lectern with\\ space/", ["with space/inner.txt"]),
    ]


def normalise(words, tree):
    """Candidates as "name" or "dir/", unquoted, without the --opt= part."""
    out = set()
    for w in words:
        w = w.split("\t")[0].replace("\\ ", " ")
        if "=" in w and w.startswith("--"):
            w = w.split("=", 1)[1]
        if w not in ("", "-") and not w.endswith("/") \
                and os.path.isdir(os.path.join(tree, w)):
            w += "/"
        out.add(w)
    return sorted(out)


def run_cases(shell, complete, longs, names, batch=None):
    """Completes each case's line, with complete(line, tree), or all at
    once with batch(lines, tree), a list of candidate lists."""
    tree, run = make_tree()
    os.environ["XDG_RUNTIME_DIR"] = run
    try:
        todo = cases(longs, names)
        lines = [line for line, _ in todo]
        results = batch(lines, tree) if batch else [complete(l, tree) for l in lines]
        for (line, want), got in zip(todo, results):
            got = normalise(got, tree)
            check(got == sorted(want), "%s: %r gives %s, wanted %s"
                  % (shell, line, got, sorted(want)))
    finally:
        shutil.rmtree(tree)
        shutil.rmtree(run)


def bash_words(line):
    """COMP_WORDS as bash splits LINE: = is a word of its own."""
    words = re.findall(r"(?:\\.|[^\s=])+|=", line)
    if line.endswith(" "):
        words.append("")
    return words


def test_bash(compdir, longs, names):
    script = os.path.join(compdir, "lectern.bash")
    env = dict(os.environ, HOME="/nonexistent")
    r = subprocess.run(["bash", "--norc", "--noprofile", "-c",
                        'source "$1" && complete -p lectern', "-", script],
                       capture_output=True, text=True, env=env)
    check(r.returncode == 0 and r.stdout.strip() == "complete -F _lectern lectern",
          "complete -p lectern: %r %r" % (r.stdout, r.stderr))

    def complete(line, tree):
        words = bash_words(line)
        body = ('source "$1"; shift; COMP_WORDS=("$@"); '
                'COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); '
                'COMP_LINE="${COMP_WORDS[*]}"; COMPREPLY=(); _lectern; '
                'printf "%s\\n" "${COMPREPLY[@]}"')
        r = subprocess.run(["bash", "--norc", "--noprofile", "-c", body, "-", script]
                           + words, capture_output=True, text=True, cwd=tree,
                           env=dict(os.environ, HOME="/nonexistent"))
        check(r.returncode == 0 and not r.stderr, "bash: %r: %r" % (line, r.stderr))
        return [w for w in r.stdout.split("\n") if w]
    run_cases("bash", complete, longs, names)


def test_zsh(compdir, longs, names):
    capture = os.path.join(HERE, "zsh_complete.zsh")

    def batch(lines, tree):
        r = subprocess.run(["zsh", "-f", capture, compdir] + lines, capture_output=True,
                           text=True, cwd=tree, timeout=60,
                           env=dict(os.environ, HOME="/nonexistent"))
        check(r.returncode == 0, "zsh: %r" % r.stderr)
        results = {}
        for out in r.stdout.split("== ")[1:]:
            line, _, rest = out.partition("\n")
            results[line] = [w for w in rest.split("\n") if w]
        check(len(results) == len(lines), "zsh completed %d lines of %d: %r"
              % (len(results), len(lines), r.stdout))
        return [results.get(line, []) for line in lines]
    run_cases("zsh", None, longs, names, batch)


def test_fish(compdir, longs, names):
    script = os.path.join(compdir, "lectern.fish")
    home = tempfile.mkdtemp(prefix="lectern-fish-home-")

    def complete(line, tree):
        r = subprocess.run(["fish", "--no-config", "-c",
                            'source $argv[1]; complete -C $argv[2]', script, line],
                           capture_output=True, text=True, cwd=tree, timeout=60,
                           env=dict(os.environ, HOME=home, XDG_CONFIG_HOME=home,
                                    XDG_DATA_HOME=home))
        check(r.returncode == 0 and not r.stderr, "fish: %r: %r" % (line, r.stderr))
        return [w for w in r.stdout.split("\n") if w]
    try:
        run_cases("fish", complete, longs, names)
    finally:
        shutil.rmtree(home)


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    lectern, compdir, mode, demo = argv[1:]
    lectern, compdir = os.path.abspath(lectern), os.path.abspath(compdir)
    if mode == "sync":
        sync(lectern, compdir, demo)
    else:
        if not shutil.which(mode):
            print("%s is not installed: skipped" % mode)
            return SKIP
        _, longs, names = from_help(lectern)
        {"bash": test_bash, "zsh": test_zsh, "fish": test_fish}[mode](
            compdir, longs, names)
    if failed:
        print("%d failed" % failed)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
