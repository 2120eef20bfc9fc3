#!/usr/bin/env bash
# Builds the self-contained app-image (no installer) and checks that both of its launchers run and
# end by themselves: the lsmviz command line answers a short shell session, and the window starts
# under Xvfb, runs the app's workload for 3 seconds (--measure=3), prints its "window:" line and
# quits. .ci/run calls this after the tests pass; developers can run it too.
#
#   bash packaging/check-app-image.sh            # builds, then checks
#   SKIP_BUILD=1 bash packaging/check-app-image.sh   # checks target/dist/app-image as it is
#
# Installs xvfb, xauth, libgtk-3-0 and libxtst6 with apt-get when they are missing (needs root then).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "app-image check: $*"; }
fail() { echo "app-image check: FAIL: $*" >&2; exit 1; }
start=$(date +%s)
since() { echo "$(( $(date +%s) - $1 )) s"; }

# --- build ----------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    t=$(date +%s)
    # the tests ran already (mvn verify); -Ddist.skipInstaller=true: the app-image alone, no .deb
    mvn -B -ntp -q -Dstyle.color=never -Pdist -DskipTests -Ddist.skipInstaller=true package || fail "building the app-image failed"
    say "app-image built in $(since "$t")"
fi
img="target/dist/app-image/LSM Visualizer"
gui="$img/bin/LSM Visualizer"
cli="$img/bin/lsmviz"
[ -x "$gui" ] || fail "no window launcher: $gui"
[ -x "$cli" ] || fail "no command-line launcher: $cli"
[ -f "$img/lib/runtime/release" ] || fail "the app-image carries no Java runtime ($img/lib/runtime)"
say "$img: $(du -sh "$img" | cut -f1), runtime $(sed -n 's/^JAVA_VERSION=//p' "$img/lib/runtime/release" | tr -d '"')"

# --- the command line -----------------------------------------------------------------------------
t=$(date +%s)
dir=$(mktemp -d)
expected=$'OK\nOK\n1\nOK\n(nil)\nb=2\n(1 entries)'
got=$(printf 'put a 1\nput b 2\nget a\ndelete a\nget a\nscan\n' | timeout 60 "$cli" shell --dir "$dir" 2>&1) \
    || fail "lsmviz shell exited with status $?: $got"
rm -rf "$dir"
[ "$got" = "$expected" ] || fail "lsmviz shell answered:
$got
expected:
$expected"
timeout 60 "$cli" help | grep -q '^usage: lsmviz COMMAND' || fail "lsmviz help printed no usage"
# the bench's comparisons touch what the trimmed runtime may lack (java.management, a second
# class loader over the app's jar): a small run of each must work in the installed app
dir=$(mktemp -d)
out=$(timeout 120 "$cli" bench --num 2000 --benchmarks fillseq,readrandom --listener compare --dir "$dir/listener" 2>&1) \
    || fail "lsmviz bench --listener compare exited with status $?: $(tail -5 <<<"$out")"
grep -q 'with the counting listener | cost' <<<"$out" || fail "lsmviz bench --listener compare printed no cost: $out"
out=$(timeout 120 "$cli" bench --num 2000 --hooks compare --dir "$dir/hooks" 2>&1) \
    || fail "lsmviz bench --hooks compare exited with status $?: $(tail -5 <<<"$out")"
grep -q 'with hooks, no listener | compiled out' <<<"$out" || fail "lsmviz bench --hooks compare printed no cost: $out"
rm -rf "$dir"
say "command line OK in $(since "$t"): lsmviz shell answered $(paste -sd ' ' <<<"$got"); bench --listener compare and --hooks compare ran"

# --- the window -----------------------------------------------------------------------------------
missing=()
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
# JavaFX's GTK glass library needs GTK 3 and libXtst (the .deb declares both; a JDK install
# usually brings libXtst, a minimal Debian has neither)
for p in libgtk-3-0 libxtst6; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    t=$(date +%s)
    [ "$(id -u)" = 0 ] || fail "missing ${missing[*]}: install them, or run as root"
    apt-get update -qq >/dev/null || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >/tmp/check-app-image-apt.log 2>&1 \
        || { tail -n 20 /tmp/check-app-image-apt.log >&2; fail "apt-get install ${missing[*]} failed"; }
    say "installed ${missing[*]} in $(since "$t")"
fi

t=$(date +%s)
log=$(mktemp -d)
set +e
# no DISPLAY in CI: xvfb-run brings a private X server; --measure=3 makes the app quit by itself,
# and timeout is the backstop if it does not
timeout -k 10 180 xvfb-run -a -s "-screen 0 1600x900x24 -nolisten tcp" \
    timeout -k 10 120 "$gui" --measure=3 </dev/null >"$log/out" 2>"$log/err"
rc=$?
set -e
if [ $rc -ne 0 ] || ! grep -q '^window:' "$log/out"; then
    echo "--- stdout"; cat "$log/out"; echo "--- stderr (first 40 lines)"; head -n 40 "$log/err"
    [ $rc -eq 124 ] && fail "the window did not quit by itself within 120 s"
    fail "the window launcher exited with status $rc and printed no 'window:' line"
fi
say "window OK in $(since "$t"): $(grep '^window:' "$log/out")"
rm -rf "$log"
say "PASS in $(since "$start")"
