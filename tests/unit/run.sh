#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs each test binary given, prints its lines, and ends with the one line
# "N passed, N failed" summed over all of them. A binary that stops before
# its "# done" line (a crash, a sanitizer report) counts as one more failure.

passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for t in "$@"; do
	"./$t" >"$out" 2>&1
	rc=$?
	grep -v '^# done$' "$out"
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^FAIL - ' "$out")
	if ! grep -q '^# done$' "$out"; then
		echo "FAIL - $t: stopped early with status $rc"
		f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL - $t: exit status $rc"
		f=$((f + 1))
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
