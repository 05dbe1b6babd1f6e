#!/bin/bash
# dkms.sh: `dkms add`, `dkms build` and `dkms install` of this tree (as
# committed plus the working tree's changes, without build products) against
# the kernel release the VM boots. Prints one line, then the path of the
# built module on a line "ko: PATH" for the VM test that loads it.
set -u
cd "$(dirname "$0")/.." || exit 1

KVER=${KVER:-$(scripts/kernel-release)}
NAME=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' dkms.conf)
VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
SRC=/usr/src/$NAME-$VERSION
LOG=$(mktemp)

fail() { echo "FAIL - dkms: $*"; tail -20 "$LOG" >&2; rm -f "$LOG"; exit 1; }

# A previous run's registration would make `dkms add` refuse.
dkms remove "$NAME/$VERSION" --all >/dev/null 2>&1
rm -rf "$SRC"
mkdir -p "$SRC"
# Tracked and new files as they are now, never build products or .git.
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
	xargs -0 cp --parents -t "$SRC" || fail "cannot copy the tree to $SRC"

dkms add "$NAME/$VERSION" >"$LOG" 2>&1 || fail "dkms add"
dkms build "$NAME/$VERSION" -k "$KVER" >>"$LOG" 2>&1 || fail "dkms build -k $KVER"
dkms install "$NAME/$VERSION" -k "$KVER" --force >>"$LOG" 2>&1 ||
	fail "dkms install -k $KVER"
ko=$(find "/var/lib/dkms/$NAME/$VERSION/$KVER" -name "$NAME.ko*" | head -n1)
[ -n "$ko" ] || fail "no $NAME.ko under /var/lib/dkms after the build"
installed=$(find "/lib/modules/$KVER" -name "$NAME.ko*" -path '*dkms*' | head -n1)
[ -n "$installed" ] || fail "dkms install put no $NAME.ko under /lib/modules/$KVER"
mkdir -p build/dkms && cp "$ko" build/dkms/ || fail "cannot copy $ko to build/dkms"
rm -f "$LOG"
echo "ok - dkms: add, build and install against $KVER"
echo "ko: $PWD/build/dkms/$(basename "$ko")"
