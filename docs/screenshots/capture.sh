#!/usr/bin/env bash
# Regenerates docs/screenshots/main-window.png: the real app on the bundled emulator, on a
# private Xvfb, after two typed turns. Needs Xvfb, xdotool and ImageMagick (`import`).
# Usage (from the repo root): docs/screenshots/capture.sh [display-number]
set -euo pipefail

display=":${1:-77}"
out="docs/screenshots/main-window.png"
scratch="$(mktemp -d)"

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
sleep 1

# No key and a private config: the window runs the offline demo with default settings (the
# welcome dialog is marked as seen so the main window is what gets captured).
mkdir -p "$scratch/config"
echo '{"first_run_done": true, "tray_hint_shown": true}' > "$scratch/config/settings.json"
env -u GEMINI_API_KEY -u GOOGLE_API_KEY DISPLAY="$display" QT_QPA_PLATFORM=xcb \
    SCREENMATE_CONFIG_DIR="$scratch/config" SCREENMATE_DATA_DIR="$scratch/data" \
    SCREENMATE_CACHE_DIR="$scratch/cache" PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring \
    .venv/bin/python -m desktop &
app_pid=$!

export DISPLAY="$display"
window=""
for _ in $(seq 50); do
    window="$(xdotool search --onlyvisible --name '^Screenmate$' 2>/dev/null | head -1 || true)"
    [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { echo "the window did not appear" >&2; exit 1; }
sleep 1.5  # connect to the emulator

# Bare Xvfb has no window manager: click into the window to give it the keyboard.
xdotool mousemove --window "$window" 400 300 click 1
xdotool key ctrl+l
xdotool type --delay 30 "hello"
xdotool key Return
sleep 2.5
xdotool type --delay 30 "What can you see on my screen?"
xdotool key Return
sleep 2.5

import -window "$window" "$out"
convert "$out" -strip "$out"
xdotool key ctrl+q
wait "$app_pid" && app_pid=""
echo "wrote $out ($(stat -c %s "$out") bytes)"
