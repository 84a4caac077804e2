#!/usr/bin/env bash
# magsel montecarlo draws a progress bar on stderr when stderr is a terminal and the run takes
# over a second, and none when it is not a terminal. script(1) (util-linux) gives it a terminal.
set -euo pipefail
magsel=$1 design=$2
# enough samples for more than a second on one thread (about 2 s with the batch kernel, 2026-12)
args=(montecarlo "$design" --samples 30000000 --threads 1)
tty_out=$(script -qec "$(printf '%q ' "$magsel" "${args[@]}")" /dev/null)
if ! grep -q '\[#*  *\] *[0-9]* %' <<<"$tty_out"; then
  echo "no progress bar on a terminal:"; echo "$tty_out"; exit 1
fi
pipe_err=$("$magsel" "${args[@]}" 2>&1 >/dev/null)
if grep -q '\[#' <<<"$pipe_err"; then
  echo "a progress bar on a pipe:"; echo "$pipe_err"; exit 1
fi
echo "progress bar on a terminal, none on a pipe"
