# Prints what zsh offers on completing each command line given, through a
# real interactive zsh in a pseudo-terminal (zpty) with compinit and the
# completion functions of FPATH_DIR: for each LINE, "== LINE" and then its
# candidates, one a line.
# usage: zsh -f zsh_complete.zsh FPATH_DIR LINE...
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
# compadd is wrapped so that every candidate, with the prefix the
# completion function gave it (-p, -P), is printed after a marker; Tab
# completes and then prints an end marker.
zpty -w z "PS1=''; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __h __p __P
  zparseopts -E -a __ignored p:=__p P:=__P
  builtin compadd -A __h "$@"
  (( $#__h )) && print -rl -- "<<C>>${__P[2]}${__p[2]}"${^__h}
  builtin compadd "$@"
}'
zpty -w z '_cap_tab() { zle complete-word; print -r -- "<<END>>" }; zle -N _cap_tab'
zpty -w z 'bindkey "^I" _cap_tab; bindkey "^U" kill-whole-line'
zpty -w z 'print -r -- "<<READY>>"'
local out line
zpty -r z out '*<<READY>>*'   # the command echoed
zpty -r z out '*<<READY>>*'   # its output
for line in "${@[2,-1]}"; do
  print -r -- "== $line"
  zpty -w -n z "$line"$'\t'
  zpty -r z out '*<<END>>*' || exit 1
  print -r -- "$out" | tr -d '\r' | sed -n 's/^.*<<C>>//p' | sort -u
  zpty -w -n z $'\C-u'
done
zpty -d z
