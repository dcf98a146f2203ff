#!/usr/bin/env bash
# Set up (idempotent) and start Screenmate. Without GEMINI_API_KEY / GOOGLE_API_KEY (or a key in
# the OS keychain) it runs on the bundled offline emulator. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
  # A headless machine: give the window a virtual screen so the app still runs.
  scripts/setup.sh --test >/dev/null
  for n in $(seq 99 140); do [ -e "/tmp/.X11-unix/X$n" ] || break; done
  Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
  export DISPLAY=":$n"
  echo "No display found: the window opens on a virtual screen, DISPLAY=:$n."
  echo "See it with: import -display :$n -window root screenmate.png"
fi
exec .venv/bin/python -m desktop "$@"
