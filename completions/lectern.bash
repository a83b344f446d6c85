# bash completion for lectern                              -*- shell-script -*-
#
# Options, export and deck formats and themes are listed once, in the first lines
# of _lectern; tests/tools/completions.py fails when `lectern --help` names one
# that is missing here. Works with or without the bash-completion package.

_lectern()
{
    local options='-e --export -f --format -w --width --columns --notes
        -o --output -c --check --encoding --config --no-config --theme
        --check-config --present --socket --follow --duration --end --plan
        --main-end --rehearse --rehearsals --start --resume -h --help
        -V --version'
    local formats='text json markdown'
    local deck_formats='outline markdown'
    local themes='auto dark light mono'
    # a few of iconv's names; lectern takes any
    local encodings='UTF-8 UTF-16 UTF-16LE UTF-16BE UTF-32 GB18030 GBK BIG5
        SHIFT_JIS EUC-JP EUC-KR ISO-8859-1 WINDOWS-1252'

    local cur=${COMP_WORDS[COMP_CWORD]} prev='' prefix=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # "--theme=d" arrives as "--theme" "=" "d" where = breaks words (the
    # default), and as one word where it does not.
    if [[ $cur == = ]]; then
        cur=''
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
    fi

    # File names are matched against the word as the shell will read it:
    # with\ space/ is "with space/" (read without -r drops the backslashes)
    local word
    IFS= read word <<<"${cur#[\"\']}"

    COMPREPLY=()
    case $prev in
    -e | --export)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$formats" -- "$cur")
        return
        ;;
    -f | --format)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$deck_formats" -- "$cur")
        return
        ;;
    --theme)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$themes" -- "$cur")
        return
        ;;
    --encoding)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$encodings" -- "$cur")
        return
        ;;
    -w | --width | --columns | --duration | --end | --main-end | --start)
        return
        ;;
    -o | --output | --config | --socket)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -f -- "$word")
        return
        ;;
    --plan)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W last -- "$cur")
        mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen -P "$prefix" -f -- "$word")
        return
        ;;
    esac

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        [[ $cur == - ]] && COMPREPLY+=(-)
        return 0
    fi

    compopt -o filenames 2>/dev/null
    local f
    # After --follow: the presenters running (their sockets' names), or a
    # socket's path.
    if [[ " ${COMP_WORDS[*]} " == *" --follow "* ]]; then
        local dir=${XDG_RUNTIME_DIR:+$XDG_RUNTIME_DIR/lectern}
        dir=${dir:-/tmp/lectern-$EUID}
        for f in "$dir"/*.sock; do
            [[ -S $f ]] || continue
            f=${f##*/}
            [[ $f == "$word"* ]] && COMPREPLY+=("${f%.sock}")
        done
        mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen -f -- "$word")
        return 0
    fi

    # The deck: directories, files lectern reads, and - for stdin.
    while IFS= read -r f; do
        if [[ -d $f ]]; then
            COMPREPLY+=("$f")
        else
            case $f in
            *.txt | *.md | *.markdown) COMPREPLY+=("$f") ;;
            esac
        fi
    done < <(compgen -f -- "$word")
    [[ -z $cur ]] && COMPREPLY+=(-)
    return 0
}
complete -F _lectern lectern
