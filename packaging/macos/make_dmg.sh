#!/bin/sh
# Build xrefviewer.app and put it in a disk image, on macOS, from the repository root:
#   sh packaging/macos/make_dmg.sh
# Needs: Python 3.11+ with `pip install -e '.[packaging]'` done (the app is built for the
# machine's architecture: arm64 on Apple silicon, x86_64 on Intel). Uses create-dmg when it is
# installed (`brew install create-dmg`: a window with a background and an Applications link);
# otherwise plain hdiutil, which every Mac has. Signing and notarising: see README.md here.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
version=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
arch=$(uname -m)
python3 packaging/build.py
app=dist/xrefviewer.app
[ -d "$app" ] || { echo "make_dmg: $app was not built" >&2; exit 1; }
dmg="dist/xrefviewer-$version-macos-$arch.dmg"
rm -f "$dmg"
if command -v create-dmg >/dev/null 2>&1; then
  # Icon positions match resources/installer/dmg-background.png (arrow from x=160 to x=480).
  create-dmg \
    --volname "xrefviewer $version" \
    --volicon resources/xrefviewer.icns \
    --background resources/installer/dmg-background.png \
    --window-size 640 400 \
    --icon-size 112 \
    --icon xrefviewer.app 160 190 \
    --app-drop-link 480 190 \
    --hide-extension xrefviewer.app \
    "$dmg" "$app"
else
  staging=$(mktemp -d)
  cp -R "$app" "$staging/"
  ln -s /Applications "$staging/Applications"
  hdiutil create -volname "xrefviewer $version" -srcfolder "$staging" -fs HFS+ -format UDZO "$dmg"
  rm -rf "$staging"
fi
echo "make_dmg: made $dmg"
