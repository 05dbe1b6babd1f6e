#!/bin/bash
# run.sh [NAME...]: runs the scenarios (all NN-*.sh here, or the ones
# named) one after another, inside the test VM, and ends with the line
# "N passed, N failed". Each scenario prints its own single line; one that
# hangs is stopped after VRRP_SCENARIO_TIMEOUT seconds (default 180).
# With VRRP_DKMS_KO set, dkms-module.sh runs first.
cd "$(dirname "$0")" || exit 1
. ./lib.sh

passed=0
failed=0
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=([0-9][0-9]-*.sh)
# tests/run-all sets this after building through DKMS: load that build too.
[ -z "${VRRP_DKMS_KO:-}" ] || scenarios=(dkms-module "${scenarios[@]}")
for s in "${scenarios[@]}"; do
	s=${s%.sh}.sh
	out=$(timeout -k 5 "${VRRP_SCENARIO_TIMEOUT:-180}" bash "./$s" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^(ok|FAIL) - ' | tail -1)
	if [ $rc -eq 0 ] && [ "${line#ok - }" != "$line" ]; then
		passed=$((passed + 1))
		echo "$line"
	else
		failed=$((failed + 1))
		[ $rc -eq 124 ] && line="FAIL - ${s%.sh}: timed out"
		echo "${line:-FAIL - ${s%.sh}: exit $rc without a verdict}"
		# The scenario's own output explains the failure.
		printf '%s\n' "$out" | tail -25 | sed 's/^/    | /'
	fi
	teardown
	unload 2>/dev/null
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
