#!/usr/bin/env bash
# selftest.sh: smoke test of the VM harness, run inside the guest:
#   tests/vm/run tests/vm/selftest.sh
#   tests/vm/run --kernel debug tests/vm/selftest.sh  (or --kernel rt)
# Checks the guest kernel is the one asked for (matching the headers' ABI
# for Debian's kernels), network namespaces, a veth/bridge topology passing
# pings (192.0.2.0/24 documentation addresses only, all inside the guest),
# the modules tree, that $VRRP_KO is built for this kernel, keepalived, that
# the repo is visible at the same path, and that bash's process substitution
# and /dev/stdin work. One "ok - ..."/"FAIL - ..." line per check; exits
# non-zero if any check fails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
FAILED=0

# check DESCRIPTION COMMAND...: run COMMAND quietly, report one line.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "ok - $desc"
	else
		echo "FAIL - $desc"
		while IFS= read -r line; do echo "#   $line"; done <<<"$out"
		FAILED=1
	fi
}

FLAVOUR=${VRRP_VM_FLAVOUR:-stock}

# check_uname: for Debian's kernels the release of the headers the meta
# package pulls in, read the same way tests/vm/prepare does (dpkg's database
# is on the 9p root); for the debug kernel the release it was built as.
check_uname() {
	local meta dep abi
	case $FLAVOUR in
	debug)
		echo "uname -r: $(uname -r), built: ${VRRP_VM_KREL:-?}"
		[ "$(uname -r)" = "${VRRP_VM_KREL:-}" ] && [[ $(uname -r) == *-vrrp-debug ]]
		return
		;;
	rt) meta=linux-headers-rt-amd64 ;;
	*) meta=linux-headers-amd64 ;;
	esac
	dep=$(dpkg-query -W -f='${Depends}' "$meta")
	abi=$(grep -o 'linux-headers-[0-9][^ ,]*-amd64' <<<"$dep" | head -n1)
	abi=${abi#linux-headers-}
	echo "uname -r: $(uname -r), headers: $abi"
	[ "$(uname -r)" = "$abi" ]
}

check_netns() {
	ip netns add selftest-probe
	ip netns list | grep -qw selftest-probe
	ip netns del selftest-probe
}

# Topology: ns a (veth a0) -- (veth a1) ns br [bridge br0] (veth b1) -- (veth b0) ns b
# with 192.0.2.1/24 on a0 and 192.0.2.2/24 on b0: a ping crosses both veth
# pairs and the bridge.
check_bridge_ping() {
	local n
	for n in a b br; do ip netns add "st-$n"; done
	ip link add a0 netns st-a type veth peer name a1 netns st-br
	ip link add b0 netns st-b type veth peer name b1 netns st-br
	ip -n st-br link add br0 type bridge
	ip -n st-br link set a1 master br0
	ip -n st-br link set b1 master br0
	for n in a1 b1 br0 lo; do ip -n st-br link set "$n" up; done
	ip -n st-a addr add 192.0.2.1/24 dev a0
	ip -n st-b addr add 192.0.2.2/24 dev b0
	ip -n st-a link set a0 up
	ip -n st-a link set lo up
	ip -n st-b link set b0 up
	ip -n st-b link set lo up
	# The bridge port needs a moment (no STP: forwarding at once, but DAD
	# and link-up are asynchronous); retry instead of sleeping blindly.
	local _
	for _ in 1 2 3 4 5; do
		ip netns exec st-a ping -c 1 -W 2 192.0.2.2 && break
	done
	ip netns exec st-a ping -c 3 -i 0.2 -W 2 192.0.2.2
	ip netns exec st-b ping -c 1 -W 2 192.0.2.1
	for n in a b br; do ip netns del "st-$n"; done
}

# check_modules: Debian's kernels have their modules tree and bridge loaded
# as a module; the debug kernel has everything built in, which modprobe must
# know from modules.builtin.
check_modules() {
	local dir
	dir=/lib/modules/$(uname -r)
	[ -f "$dir/modules.dep" ] || return 1
	if [ "$FLAVOUR" = debug ]; then
		grep -q '/bridge\.ko$' "$dir/modules.builtin" || return 1
		modprobe veth && modprobe bridge
		return
	fi
	[ "$(find "$dir/kernel" -name '*.ko*' | head -n 100 | wc -l)" -ge 100 ] || return 1
	modinfo veth >/dev/null
	lsmod | grep -qw bridge
}

# check_vrrp_ko: the module the scenarios load was built for this kernel
# (vermagic starts with the release). Skipped when there is none to check.
check_vrrp_ko() {
	local ko=${VRRP_KO:-$HERE/../../kmod/vrrp.ko} vermagic
	[ -f "$ko" ] || { echo "no $ko (make module), not checked"; return 0; }
	vermagic=$(modinfo -F vermagic "$ko")
	echo "$ko: $vermagic"
	[ "${vermagic%% *}" = "$(uname -r)" ]
}

# check_dev_fd: bash's <(...) needs /dev/fd, `cat /dev/stdin` needs the link.
check_dev_fd() {
	local a
	a=$(cat <(echo one) <(echo two) | tr '\n' ' ')
	[ "$a" = "one two " ] || { echo "<(...) gave: $a"; return 1; }
	a=$(echo three | cat /dev/stdin)
	[ "$a" = three ] || { echo "/dev/stdin gave: $a"; return 1; }
	a=$(printf four >/dev/stdout)
	[ "$a" = four ] || { echo "/dev/stdout gave: $a"; return 1; }
	[ -e /dev/stderr ]
}

check_repo_visible() {
	# This script's own path is in the repo; the VM's cwd is the caller's.
	[ -x "$HERE/run" ] && [ -f "$HERE/guest-init" ] || return 1
	git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || true
	echo "cwd: $(pwd)"
}

main() {
	check "uname -r is the $FLAVOUR kernel asked for" check_uname
	check "ip netns add works" check_netns
	check "ping 192.0.2.1 -> 192.0.2.2 over veth pairs and a bridge in namespaces" check_bridge_ping
	check "/lib/modules/\$(uname -r) has modules ($FLAVOUR kernel)" check_modules
	check "vrrp.ko is built for this kernel" check_vrrp_ko
	check "keepalived --version runs" keepalived --version
	check "repo visible at the same path ($HERE)" check_repo_visible
	check "root filesystem is read-only" sh -c '! touch /usr/.vrrp-vm-probe 2>/dev/null'
	check "/tmp is writable" sh -c 'echo x >/tmp/probe && rm /tmp/probe'
	check "process substitution <(...), /dev/stdin and /dev/stdout work" check_dev_fd
	if [ "$FAILED" -ne 0 ]; then
		echo "selftest: FAILED"
		exit 1
	fi
	echo "selftest: all checks passed"
}

main "$@"
