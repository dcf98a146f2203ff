#!/usr/bin/env bash
# Set up Screenmate on this machine: system libraries (Debian/Ubuntu), a venv in .venv and the
# package with its dependencies. Idempotent and quick when nothing changed.
#   scripts/setup.sh           what the app needs
#   scripts/setup.sh --test    also what the test suite needs (Xvfb, xdotool, ...)
#   --python PY --venv DIR     another interpreter into another venv (the test suite's second
#                              Python: tests/soak runs on 3.12 too)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
want_python=""
venv=.venv
while [ $# -gt 0 ]; do
  case "$1" in
    --test) want_test=1 ;;
    --python) want_python="$2"; shift ;;
    --venv) venv="$2"; shift ;;
    *) echo "setup: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# Qt's xcb platform plugin refuses to load without libxcb-cursor0 and friends; PortAudio is
# what sounddevice plays and records through; setup.py builds the echo canceller's binding to
# the desktop's WebRTC audio processing (libwebrtc-audio-processing-dev, pkg-config, g++).
app_pkgs=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxcb-shape0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libportaudio2 libasound2-plugins fonts-dejavu-core
  libwebrtc-audio-processing-dev pkg-config g++)
# icu-devtools: icupkg, which trims Qt's ICU data in the bundle the packaging tests build.
test_pkgs=(xvfb xdotool x11-utils imagemagick pulseaudio pulseaudio-utils espeak-ng
  chromium trayer fonts-noto-cjk icu-devtools binutils)
# The headless Wayland desktop of tests/wayland: sway (headless, pixman), the ScreenCast portal
# (xdg-desktop-portal + its wlroots backend), PipeWire with WirePlumber, a private D-Bus, grim
# for screenshots, and gcc/libc6-dev to build the portal backend's SHM fix
# (tests/wayland/xdpw_shm_fix.c).
test_pkgs+=(sway xdg-desktop-portal xdg-desktop-portal-wlr pipewire wireplumber dbus-daemon
  dbus-bin grim gcc libc6-dev)

# Node and npm run Google's JavaScript SDK against the emulator (tests/js). A NodeSource
# nodejs brings its own npm (and conflicts with Debian's): Debian's pair only when npm is absent.
command -v npm >/dev/null 2>&1 || test_pkgs+=(nodejs npm)

pkgs=("${app_pkgs[@]}")
[ $want_test = 1 ] && pkgs+=("${test_pkgs[@]}")

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "setup: please install as root: apt-get install -y ${missing[*]}" >&2; exit 1
      fi
    fi
    echo "setup: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian-like system; install Qt's xcb libraries and PortAudio yourself" >&2
fi

# @google/genai as pinned in tests/js/package-lock.json (tests tell the same stamp apart:
# tests/support/js_sdk.py installs it too when the lock file changed).
if [ $want_test = 1 ] && command -v npm >/dev/null 2>&1; then
  js_lock=$(sha256sum tests/js/package-lock.json | cut -d' ' -f1)
  if [ "$(cat tests/js/node_modules/.installed 2>/dev/null)" != "$js_lock" ]; then
    echo "setup: installing Google's JavaScript SDK into tests/js (npm ci)"
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
    echo "$js_lock" > tests/js/node_modules/.installed
  fi
fi

# The newest Python that qasync supports (3.13 down to 3.11). Newer is safer as well as faster:
# from 3.12 on None/True are immortal, so a binding that miscounts their references (PySide6
# 6.12.0 on 3.11 did, and aborted after ~2 minutes) cannot kill the process.
py="$want_python"
for candidate in ${want_python:+__given__} python3.13 python3.12 python3 python3.11; do
  [ "$candidate" = __given__ ] && break
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))' 2>/dev/null; then
    py="$candidate"; break
  fi
done
if [ -z "$py" ]; then
  echo "setup: need Python 3.11, 3.12 or 3.13" >&2; exit 1
fi

minor() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
if [ -x "$venv"/bin/python ] && [ "$(minor "$venv"/bin/python)" != "$(minor "$py")" ]; then
  echo "setup: $venv uses Python $(minor "$venv"/bin/python); recreating it with $(minor "$py")"
  rm -rf "$venv"
fi
if [ ! -x "$venv"/bin/python ]; then
  echo "setup: creating $venv with $py"
  "$py" -m venv "$venv"
fi

# The stamp records what was installed for which pyproject.toml, setup.py and compiled source; a
# test install includes the app's own dependencies, so it satisfies a plain set-up too. A
# missing binding (a clean checkout keeps the venv) installs again.
fingerprint=$(cat pyproject.toml setup.py desktop/audio/_webrtc_apm.cc | sha256sum | cut -d' ' -f1)
ext_suffix=$("$venv"/bin/python -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
built() { [ -f desktop/audio/_webrtc_apm"$ext_suffix" ] || ! pkg-config --exists webrtc-audio-processing 2>/dev/null; }
installed() { [ -f "$1" ] && [ "$(cat "$1")" = "$fingerprint" ] && built; }
if [ $want_test = 1 ]; then
  stamp="$venv"/.installed-test; extras="[test]"
  done_already=$(installed "$stamp" && echo 1 || echo 0)
else
  stamp="$venv"/.installed-app; extras=""
  done_already=$( (installed "$stamp" || installed "$venv"/.installed-test) && echo 1 || echo 0)
fi
if [ "$done_already" = 0 ]; then
  echo "setup: installing Python packages$extras"
  "$venv"/bin/python -m pip install -q --upgrade pip >/dev/null
  "$venv"/bin/python -m pip install -q -e ".$extras"
  echo "$fingerprint" > "$stamp"
fi

# The Python/PySide6 pair must not miscount references to None/True (PySide6 6.12.0 on 3.11
# aborted windows after ~2 minutes). A fraction of a second; the app checks again at start.
QT_QPA_PLATFORM=offscreen "$venv"/bin/python -m desktop.ui.binding_check >/dev/null || {
  QT_QPA_PLATFORM=offscreen "$venv"/bin/python -m desktop.ui.binding_check >&2
  echo "setup: this PySide6 would crash the app on this Python; see pyproject.toml" >&2
  exit 1
}
