#!/usr/bin/env bash
# Set up (idempotent) and start Screenmate. Without GEMINI_API_KEY / GOOGLE_API_KEY (or a key in
# the OS keychain) it runs on the bundled offline emulator. Extra arguments go to the app.
#
# On a machine with no display it gives the window a virtual screen (Xvfb) that lives exactly
# as long as the app: stopped on Quit, Ctrl+C, SIGTERM or a crash. If Screenmate already runs
# for this user it says where and starts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

if where=$(.venv/bin/python -m desktop --running 2>/dev/null); then
  echo "$where Nothing else was started."
  exit 0
fi

xvfb_pid=""
app_pid=""
stop_all() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
}
trap stop_all EXIT
# Background jobs of a script ignore SIGINT, so Ctrl+C (and TERM/HUP to this script) is passed
# on as the SIGTERM the app quits cleanly on; the EXIT trap then stops the virtual screen.
trap 'kill -TERM "$app_pid" 2>/dev/null || true' INT TERM HUP

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
  scripts/setup.sh --test >/dev/null
  for n in $(seq 99 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break
  done
  # A session of its own: Ctrl+C reaches the app, never the screen it is still drawing on; the
  # EXIT trap stops the screen once the app has quit.
  setsid Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
  export DISPLAY=":$n"
  echo "No display found: the window opens on a virtual screen, DISPLAY=:$n."
  echo "See it with: import -display :$n -window root screenmate.png"
fi

set +e
.venv/bin/python -m desktop "$@" &
app_pid=$!
# `wait` returns early when a trapped signal arrives; keep waiting until the app has ended.
while :; do
  wait "$app_pid"
  status=$?
  kill -0 "$app_pid" 2>/dev/null || break
done
app_pid=""
exit "$status"
