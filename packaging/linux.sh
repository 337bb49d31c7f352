#!/bin/sh
# From dist/tension-desktop/ (packaging/build.sh) makes, in dist/:
#   tension-desktop-VERSION-linux-x86_64.tar.gz  unpack anywhere (a USB stick too) and start ./tension-desktop
#   tension-desktop_VERSION_amd64.deb           installs to /opt/tension-desktop, with a menu entry,
#                                                its icon, the .tension file type, and the CLI on PATH
set -eu
cd "$(dirname "$0")/.."
APP=dist/tension-desktop
[ -x "$APP/tension-desktop" ] || { echo "linux: build the app first (packaging/build.sh)" >&2; exit 1; }
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' tension_desktop/__init__.py)
ARCH=$(uname -m)
DEBARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)

# beside the app in the archive: how to start it, make it portable, and add it to the menu
cp packaging/linux/README-linux.txt "$APP/README.txt"
cp packaging/linux/install-menu-entry.sh "$APP/install-menu-entry.sh"
cp build/icons/tension-desktop-256.png "$APP/tension-desktop.png"

TAR="dist/tension-desktop-$VERSION-linux-$ARCH.tar.gz"
tar -C dist -czf "$TAR" tension-desktop
echo "linux: $TAR $(du -m "$TAR" | cut -f1) MB"

command -v dpkg-deb >/dev/null 2>&1 || { echo "linux: no dpkg-deb, no .deb" >&2; exit 0; }
ROOT=build/deb
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/mime/packages" "$ROOT/usr/share/doc/tension-desktop"
cp -a "$APP" "$ROOT/opt/tension-desktop"
rm -f "$ROOT/opt/tension-desktop/install-menu-entry.sh"
ln -s /opt/tension-desktop/tension-desktop "$ROOT/usr/bin/tension-desktop"
cp tension_desktop/resources/tension-desktop.desktop "$ROOT/usr/share/applications/tension-desktop.desktop"
cp packaging/linux/tension-desktop-mime.xml "$ROOT/usr/share/mime/packages/tension-desktop.xml"
for size in 16 24 32 48 64 128 256 512; do
    dir="$ROOT/usr/share/icons/hicolor/${size}x${size}"
    mkdir -p "$dir/apps" "$dir/mimetypes"
    cp "build/icons/tension-desktop-$size.png" "$dir/apps/tension-desktop.png"
    cp "build/icons/tension-desktop-$size.png" "$dir/mimetypes/application-x-tension-workshop.png"
done
mkdir -p "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp tension_desktop/resources/icons/tension-desktop.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/"
cp tension_desktop/resources/licenses/THIRD-PARTY-NOTICES.txt "$ROOT/usr/share/doc/tension-desktop/copyright"
SIZE=$(du -sk "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: tension-desktop
Version: $VERSION
Section: misc
Priority: optional
Architecture: $DEBARCH
Installed-Size: $SIZE
Depends: libc6 (>= 2.28), libstdc++6, libexpat1, libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3, libglib2.0-0, libx11-xcb1, libxcb-cursor0 | libxcb-cursor-dev
Maintainer: Tension Desktop <noreply@tension-desktop.invalid>
Description: Offline facilitation for leadership teams
 The tension map, three-column board, pre-mortem, stage gates and covenant
 handouts for leadership team workshops. Works offline; nothing leaves the
 computer. Start it from the menu, or run tension-desktop --help.
CONTROL
cat > "$ROOT/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
POST
cp "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/postrm"
chmod 0755 "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/postrm"
DEB="dist/tension-desktop_${VERSION}_$DEBARCH.deb"
dpkg-deb --root-owner-group -Zxz -z3 --build "$ROOT" "$DEB" >/dev/null
echo "linux: $DEB $(du -m "$DEB" | cut -f1) MB"
