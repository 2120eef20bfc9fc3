#!/usr/bin/env bash
# Smoke test of the Linux installer, as a person would use it, on a Debian machine of our kind:
# installs the .deb with apt-get (so its dependencies resolve), checks the menu entry, the icon and
# the lsmviz command, starts the installed app the way the menu would (under Xvfb), waits for its
# window, takes a screenshot (packaging/out/smoke-deb.png), runs the command line once, and
# uninstalls (apt-get remove --purge). Exits non-zero with a "smoke-deb: FAIL:" line on the first thing that is wrong.
#
#   bash packaging/smoke-deb.sh [path/to/lsm-visualizer_*.deb]
#
# Without an argument it takes target/dist/lsm-visualizer_*.deb, building it first
# (mvn -Pdist -DskipTests package) if there is none. Needs root (apt-get, dpkg). Installs xvfb, xauth,
# xdotool, x11-utils, imagemagick and desktop-file-utils with apt-get if they are missing.
# KEEP_INSTALLED=1 leaves the package installed when a check fails, to look around.
set -euo pipefail
cd "$(dirname "$0")/.."

PKG=lsm-visualizer
INSTALL_DIR=/opt/lsm-visualizer
APP_TITLE="LSM Visualizer"
OUT=packaging/out
mkdir -p "$OUT"
OUT=$(readlink -f "$OUT")

say() { echo "smoke-deb: $*"; }
fail() { echo "smoke-deb: FAIL: $*" >&2; exit 1; }
since() { echo "$(( $(date +%s) - $1 )) s"; }

[ "$(id -u)" = 0 ] || fail "run as root: it installs and removes a package"
command -v apt-get >/dev/null || fail "apt-get not found: this script is for Debian-like machines"

installed() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed; }

apt_updated=false
need() { # apt-get install the packages that are missing
    local missing=()
    for p in "$@"; do installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! $apt_updated; then apt-get update -qq || fail "apt-get update failed"; apt_updated=true; fi
    say "installing test tools: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >"$OUT/apt-tools.log" 2>&1 || { tail -n 20 "$OUT/apt-tools.log" >&2; fail "apt-get install ${missing[*]} failed"; }
}

# --- the .deb -------------------------------------------------------------------------------------
deb=${1:-}
if [ -z "$deb" ]; then
    deb=$(ls target/dist/${PKG}_*.deb 2>/dev/null | head -n 1 || true)
    if [ -z "$deb" ]; then
        say "no .deb in target/dist: building it (mvn -Pdist -DskipTests package)"
        t=$(date +%s)
        mvn -B -ntp -q -Pdist -DskipTests package || fail "the installer build failed"
        say "built in $(since "$t")"
        deb=$(ls target/dist/${PKG}_*.deb 2>/dev/null | head -n 1 || true)
        [ -n "$deb" ] || fail "the build made no target/dist/${PKG}_*.deb"
    fi
fi
[ -f "$deb" ] || fail "no such file: $deb"
deb=$(readlink -f "$deb")
say "package: $deb ($(du -h "$deb" | cut -f1))"

depends=$(dpkg-deb -f "$deb" Depends)
grep -qw libgtk-3-0 <<<"$depends" || fail "the .deb does not declare libgtk-3-0: Depends: $depends"
say "declares: libgtk-3-0 (and $(tr ',' '\n' <<<"$depends" | grep -c .) dependencies in all)"

need xvfb xauth xdotool x11-utils imagemagick desktop-file-utils

# --- install --------------------------------------------------------------------------------------
cleanup() {
    local rc=$?
    if [ $rc -ne 0 ] && installed "$PKG" && [ "${KEEP_INSTALLED:-0}" != 1 ]; then
        echo "smoke-deb: removing $PKG after the failure (KEEP_INSTALLED=1 keeps it)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq "$PKG" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

if installed "$PKG"; then
    say "$PKG is already installed: removing it first"
    DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq "$PKG" >/dev/null || fail "could not remove the old $PKG"
fi
# the package's postinst registers its menu entry with xdg-desktop-menu, which fails on a minimal
# machine that has no menu folders yet
mkdir -p /usr/share/applications /usr/share/desktop-directories

t=$(date +%s)
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$OUT/apt-install.log" 2>&1 \
    || { tail -n 20 "$OUT/apt-install.log" >&2; fail "apt-get install $deb failed (log: $OUT/apt-install.log)"; }
installed "$PKG" || fail "$PKG is not installed after apt-get install"
say "installed $PKG $(dpkg-query -W -f='${Version}' "$PKG") in $(since "$t"): $(du -sh "$INSTALL_DIR" | cut -f1) in $INSTALL_DIR (Installed-Size $(dpkg-query -W -f='${Installed-Size}' "$PKG") KiB)"

# --- menu entry and icon --------------------------------------------------------------------------
desktop=$(ls /usr/share/applications/${PKG}-*.desktop 2>/dev/null | grep -v lsmviz | head -n 1 || true)
[ -n "$desktop" ] || fail "no menu entry: no /usr/share/applications/${PKG}-*.desktop"
field() { sed -n "s/^$1=//p" "$desktop" | head -n 1; }
[ "$(field Name)" = "$APP_TITLE" ] || fail "menu entry Name is '$(field Name)', not '$APP_TITLE'"
grep -q "Education" <<<"$(field Categories)" || fail "menu entry is not in Education: Categories=$(field Categories)"
icon=$(field Icon)
[ -f "$icon" ] || fail "the menu entry's icon $icon is not installed"
icon_size=$(identify -format '%wx%h' "$icon" 2>/dev/null) || fail "the icon $icon is not an image"
exec_line=$(field Exec)
launcher=${exec_line#\"}; launcher=${launcher%\"}
[ -x "$launcher" ] || fail "the menu entry runs '$exec_line', which is not an executable"
say "menu entry: $desktop (Name=$(field Name), Categories=$(field Categories))"
say "icon: $icon ($icon_size)"
cli_desktop=$(ls /usr/share/applications/${PKG}-lsmviz.desktop 2>/dev/null || true)
if [ -n "$cli_desktop" ]; then
    grep -qx "NoDisplay=true" "$cli_desktop" || fail "the command line shows in the menu: $cli_desktop lacks NoDisplay=true"
fi
for f in "$desktop" $cli_desktop; do
    v=$(desktop-file-validate "$f" 2>&1) || fail "desktop-file-validate rejects $f: $v"
    [ -z "$v" ] || say "desktop-file-validate: $v"
done

# --- the window -----------------------------------------------------------------------------------
# The app's --measure=S runs its workload S seconds with the window up, prints one line starting
# "window:" and quits by itself; timeout is the backstop.
say "starting '$launcher' under Xvfb"
t=$(date +%s)
export LAUNCHER="$launcher" OUT APP_TITLE
set +e
xvfb-run -a -s "-screen 0 1600x900x24 -nolisten tcp" bash -c '
    timeout 120 "$LAUNCHER" --measure=10 >"$OUT/app.out" 2>"$OUT/app.err" &
    pid=$!
    wid=""
    for _ in $(seq 1 120); do   # up to 60 s
        wid=$(xdotool search --onlyvisible --name "^$APP_TITLE\$" 2>/dev/null | head -n 1)
        [ -n "$wid" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if [ -z "$wid" ]; then
        echo "smoke-deb: FAIL: no window titled \"$APP_TITLE\" appeared" >&2
        kill "$pid" 2>/dev/null; wait "$pid"; exit 3
    fi
    echo "$wid" >"$OUT/window.id"
    xwininfo -id "$wid" | sed -n "s/^ *\(Width\|Height\): *//p" | paste -sd x >"$OUT/window.size"
    sleep 4   # let the workload fill the view
    import -window root "$OUT/smoke-deb.png" || echo "smoke-deb: screenshot failed" >&2
    wait "$pid"
'
xrc=$?
set -e
[ $xrc -eq 3 ] && { sed -n 1,30p "$OUT/app.err" >&2; fail "the installed app showed no window (stderr: $OUT/app.err)"; }
[ $xrc -eq 124 ] && fail "the installed app did not quit by itself within 120 s"
[ $xrc -eq 0 ] || { sed -n 1,30p "$OUT/app.err" >&2; fail "the installed app exited with status $xrc (stderr: $OUT/app.err)"; }
grep -q '^window:' "$OUT/app.out" || fail "the app printed no 'window:' line (stdout: $OUT/app.out)"
say "window \"$APP_TITLE\" appeared ($(cat "$OUT/window.size")), app quit by itself after $(since "$t"): $(grep '^window:' "$OUT/app.out")"
[ -s "$OUT/smoke-deb.png" ] && say "screenshot: $OUT/smoke-deb.png"

# --- the command line -----------------------------------------------------------------------------
cli="$INSTALL_DIR/bin/lsmviz"
[ -x "$cli" ] || fail "no command-line launcher $cli"
[ "$(readlink -f /usr/bin/lsmviz 2>/dev/null)" = "$cli" ] || fail "/usr/bin/lsmviz does not lead to $cli"
help=$(lsmviz help 2>&1) || fail "lsmviz help exited non-zero: $help"
grep -q '^usage: lsmviz COMMAND' <<<"$help" || fail "lsmviz help printed no usage: $help"
dir=$(mktemp -d)
shell_out=$(printf 'put colour blue\nget colour\ndelete colour\nget colour\n' | "$cli" shell --dir "$dir" 2>&1) \
    || fail "lsmviz shell exited non-zero: $shell_out"
rm -rf "$dir"
[ "$shell_out" = "$(printf 'OK\nblue\nOK\n(nil)')" ] || fail "lsmviz shell answered: $shell_out"
say "command line: 'lsmviz help' prints the usage; 'lsmviz shell' answered: $(paste -sd ' ' <<<"$shell_out")"

# --- uninstall ------------------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -q "$PKG" >"$OUT/apt-remove.log" 2>&1 \
    || fail "apt-get remove $PKG failed (log: $OUT/apt-remove.log)"
dpkg-query -W "$PKG" >/dev/null 2>&1 && fail "dpkg still knows $PKG after apt-get remove --purge: $(dpkg-query -W -f='${db:Status-Abbrev}' "$PKG")"
[ ! -e "$INSTALL_DIR/bin" ] || fail "$INSTALL_DIR/bin is still there after removal"
[ ! -e "$desktop" ] || fail "the menu entry $desktop is still there after removal"
[ ! -e /usr/bin/lsmviz ] || fail "/usr/bin/lsmviz is still there after removal"
say "removed (purged): no $INSTALL_DIR/bin, no menu entry, no /usr/bin/lsmviz, no dpkg record"
say "PASS"
