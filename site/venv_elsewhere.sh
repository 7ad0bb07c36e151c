#!/bin/sh
# Usage: site/venv_elsewhere.sh VENV HERE
# Prints one sentence when the virtual environment VENV was made for another folder
# than HERE, and nothing when it is this folder's own (or does not exist yet).
#
# A copied project folder brings its .venv along, but that .venv still points back to
# the folder it was made in: its scripts start that folder's Python (the shebang line
# of bin/pip, bin/jupyter-book...) and its editable install of the course package
# reads that folder's exercises/. Building or testing the copy would then use the
# original's code. The Makefile removes such a .venv and makes a fresh one.
venv=$1
here=$(cd "$2" && pwd -P)
[ -d "$venv" ] || exit 0
own="$here/$venv"

script_home=""
if [ -f "$venv/bin/pip" ]; then
  first=$(head -n 1 "$venv/bin/pip")
  case "$first" in
    "#!$own/bin/"*) ;;
    "#!"*) script_home=${first#\#!} ;;
  esac
fi

package_home=""
for finder in "$venv"/lib/python*/site-packages/__editable___exercises_*_finder.py; do
  [ -f "$finder" ] || continue
  grep -q "'$here/exercises'" "$finder" || package_home=$(grep -o "'/[^']*/exercises'" "$finder" | head -n 1)
done

if [ -n "$script_home" ] || [ -n "$package_home" ]; then
  echo "$venv was made for another folder (${script_home:-$package_home}), so it would run that folder's code; making a fresh one here."
fi
