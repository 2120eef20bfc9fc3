#!/usr/bin/env bash
# Renders assets/icons/lsm-visualizer.svg into the PNG sizes, the Windows .ico and the macOS .icns
# that the installers use. The outputs are committed; run this only after changing the SVG.
# Needs (Debian): apt-get install -y librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
svg=lsm-visualizer.svg
for n in 16 32 48 64 128 256 512; do
    rsvg-convert -w "$n" -h "$n" "$svg" -o "lsm-visualizer-$n.png"
done
# /usr/bin/convert explicitly: a stand-in `convert` can come first on PATH on these machines
/usr/bin/convert lsm-visualizer-{16,32,48,64,128,256}.png lsm-visualizer.ico
png2icns lsm-visualizer.icns lsm-visualizer-{16,32,48,128,256,512}.png >/dev/null
ls -l lsm-visualizer*
