#!/bin/bash
# 40-unload-events: rmmod stops every instance while everything it needs is
# still there. r1 (150) master and r2 (100) backup, each with its own
# `vrrpadm monitor -j`; then `rmmod vrrp` (both routers share the kernel).
# Both monitors get the instance's last state change, reason shutdown, and
# r1's master leaves with a priority 0 advert. Before the teardown order
# was fixed the family went first (no event) and the notifiers' replay read
# the freed per-namespace data (a use-after-free that page poisoning turns
# into a general protection fault: the debug kernel boots with it).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology
master_and_backup
monitor r1 "$TMPD/r1" -j
monitor r2 "$TMPD/r2" -j
capture client "$TMPD/vrrp" -vv ip proto 112
rmmod vrrp || fail "rmmod vrrp failed"
sleep 1
capture_stop "$CAPTURE_PID"
bg_stop

# shutdown_event FILE FROM: the monitor saw FROM -> init (shutdown).
shutdown_event() {
	sed 's/^[0-9]* //' "$1" | python3 -c '
import json, sys
want = sys.argv[1]
for line in sys.stdin:
    e = json.loads(line)
    if (e.get("event", "state") == "state" and e["vrid"] == 51 and
            e["old_state"] == want and e["state"] == "init" and
            e["reason"] == "shutdown"):
        sys.exit(0)
sys.exit(1)' "$2"
}
shutdown_event "$TMPD/r1" master ||
	fail "r1's monitor got no 'master -> init (shutdown)' event on rmmod: $(cat "$TMPD/r1")"
shutdown_event "$TMPD/r2" backup ||
	fail "r2's monitor got no 'backup -> init (shutdown)' event on rmmod: $(cat "$TMPD/r2")"
grep -q '^ *192\.0\.2\.1 > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 51, prio 0,' "$TMPD/vrrp" ||
	fail "no priority 0 advert from r1 on rmmod: $(tail -4 "$TMPD/vrrp")"
lsmod | grep -qw '^vrrp' && fail "vrrp still loaded after rmmod"
pass "both monitors got the shutdown events, priority 0 sent, module gone"
