#!/bin/sh
# Adds Tension Desktop (this unpacked folder) to your applications menu and lets .tension
# files open with it, for you only (no administrator rights). Run it again after moving the folder.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/256x256/apps"
cp "$HERE/tension-desktop.png" "$DATA/icons/hicolor/256x256/apps/tension-desktop.png"
cat > "$DATA/mime/packages/tension-desktop.xml" <<MIME
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-tension-workshop">
    <comment>Tension Desktop workshop</comment>
    <glob pattern="*.tension"/>
  </mime-type>
</mime-info>
MIME
# the app's own entry, started from this folder
sed -e "s|^Exec=.*|Exec=\"$HERE/tension-desktop\" %f|" -e "s|^TryExec=.*|TryExec=$HERE/tension-desktop|" \
    "$HERE/_internal/tension_desktop/resources/tension-desktop.desktop" > "$DATA/applications/tension-desktop.desktop"
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
echo "Tension Desktop is in your applications menu; .tension files open with it."
