#!/usr/bin/env bash
# Install the built bundle for the current user: ~/.local/opt/screenmate, a launcher in
# ~/.local/bin, the .desktop entry and the icon, so Screenmate shows in the app menu and starts
# on double-click.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bundle="$repo/dist/screenmate"
[ -x "$bundle/screenmate" ] || { echo "build first: packaging/build.sh" >&2; exit 1; }
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$prefix/applications" "$prefix/icons/hicolor/scalable/apps"
rm -rf "$HOME/.local/opt/screenmate"
cp -a "$bundle" "$HOME/.local/opt/screenmate"
ln -sf "$HOME/.local/opt/screenmate/screenmate" "$HOME/.local/bin/screenmate"
cp "$repo/resources/icons/screenmate.svg" "$prefix/icons/hicolor/scalable/apps/screenmate.svg"
sed "s|^Exec=screenmate|Exec=$HOME/.local/bin/screenmate|" "$here/screenmate.desktop" \
  > "$prefix/applications/screenmate.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "installed: $prefix/applications/screenmate.desktop"
