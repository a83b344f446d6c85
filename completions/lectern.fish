# fish completion for lectern.
#
# Export and deck formats and themes are listed once, in the lines below, and
# each option once in a complete line; tests/tools/completions.py fails
# when `lectern --help` names one that is missing here.

set -l formats text json markdown
set -l deck_formats outline markdown
set -l themes auto dark light mono
# a few of iconv's names; lectern takes any
set -l encodings UTF-8 UTF-16 UTF-16LE UTF-16BE UTF-32 GB18030 GBK BIG5 SHIFT_JIS EUC-JP EUC-KR ISO-8859-1 WINDOWS-1252

# The deck: directories, files lectern reads, and - for stdin; after
# --follow, the presenters running (their sockets' names) or a socket.
function __lectern_decks
    set -l token (commandline -ct)
    set -l files (complete -C "__fish_command_without_completions $token")
    if __fish_contains_opt follow
        set -l dir /tmp/lectern-(id -u)
        set -q XDG_RUNTIME_DIR[1]; and set dir $XDG_RUNTIME_DIR/lectern
        for s in $dir/*.sock
            test -S $s; and printf '%s\t%s\n' (basename $s .sock) presenter
        end
        printf '%s\n' $files
    else
        string match -r -- '^.*(?:/|\.txt|\.md|\.markdown)$' $files
        printf '%s\t%s\n' - 'standard input'
    end
end

complete -c lectern -f
complete -c lectern -s e -l export -x -a "$formats" -d 'Write the deck as FORMAT'
complete -c lectern -s f -l format -x -a "$deck_formats" -d 'Read DECK as NAME, whatever its name'
complete -c lectern -s w -l width -x -d 'Columns for the text export'
complete -c lectern -l columns -x -d 'At most N blocks side by side in the text export'
complete -c lectern -l notes -d "Each slide's speaker notes in the text export"
complete -c lectern -s o -l output -r -F -d 'Write the export to FILE'
complete -c lectern -s c -l check -d 'List where the importer had to guess'
complete -c lectern -l encoding -x -a "$encodings" -d 'Read the deck as NAME'
complete -c lectern -l config -r -F -d 'Read settings from FILE'
complete -c lectern -l no-config -d 'Read no config file'
complete -c lectern -l theme -x -a "$themes" -d 'Use a built-in theme'
complete -c lectern -l check-config -d 'Report problems in the config file and exit'
complete -c lectern -l present -d 'Present with a console; publish the position to followers'
complete -c lectern -l socket -r -F -d "The presenter's socket"
complete -c lectern -l follow -d 'Show what a presenter shows'
complete -c lectern -l duration -x -d "The talk's length: 45m, 1h30m, 90, 45:00"
complete -c lectern -l end -x -d 'The talk ends at HH:MM'
complete -c lectern -l plan -r -F -a last -d "Pace by the last rehearsal or a record FILE"
complete -c lectern -l main-end -x -d 'Slide N ends the main part'
complete -c lectern -l rehearse -d 'Record the time on every slide'
complete -c lectern -l rehearsals -d "Print the deck's rehearsals and exit"
complete -c lectern -l start -x -d 'Open at slide N'
complete -c lectern -l resume -d 'Open where this deck was left'
complete -c lectern -s h -l help -d 'Show the help and exit'
complete -c lectern -s V -l version -d 'Show the version and exit'
complete -c lectern -k -a '(__lectern_decks)'
