#!/bin/bash
# 88-nginx-pair: the deployment our users come with. r1 (150) and r2 (100)
# each run nginx and `vrrpadm check web` (curl of /health every 500 ms),
# and vrid 51 at 100 ms tracking web without a weight; the client fetches
# http://VIP/ every 50 ms on a new connection each time. nginx on the
# master crashes (SIGKILL to master and workers): the check fails, r1
# goes to fault, r2 takes the VIP, the client gets r2's pages; nginx
# starts again: r1 takes the VIP back. Twice: with each balancer
# answering its own name, then proxying to an application server behind
# both ("app via r1"); at VRRP_TEST_SCALE below 100 the second only. The line reports, per transition, the client's
# failed requests and the time from the crash (or restart) to the first
# page from the other balancer.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-nginx.sh"

[ -x "$NGINX" ] || fail "no $NGINX (Debian's nginx-light; scripts/install-deps installs it)"
load
topology
app_topology
nginx_conf app app
nginx_start app
for r in r1 r2; do
	nginx_conf $r own
	nginx_start $r
	health_checker $r
done
for r in r1 r2; do
	wait_for 30 web_up $r ||
		fail "web should be up on $r: $(vrrpadm $r track show 2>&1; cat "$TMPD/check-$r")"
done
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms track web vip $VIP/24 ||
	fail "add on r1 failed"
wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms track web vip $VIP/24 ||
	fail "add on r2 failed"
wait_for 10 is_state r2 backup ||
	fail "r2 should be backup, is $(state r2): $(cat "$TMPD/check-r2")"
probe_start "http://$VIP/"

REPORT=()
# crash_and_back ANSWER_R1 ANSWER_R2: one crash of r1's nginx and its return.
crash_and_back() {
	local from=$1 to=$2 t0 t1 t2 t3
	t0=$(ms)
	wait_for 20 answered "$t0" "$from" ||
		fail "the client gets no \"$from\": $(tail -3 "$TMPD/probe"); r1 $(state r1), VIP on r1: $(has_vip r1 && echo yes || echo no), client: $(client ip neigh show $VIP); $(client curl -sS --max-time 5 "http://$VIP/" 2>&1)"
	nginx_crash r1
	t0=$CRASH_MS
	wait_for 20 answered "$t0" "$to" ||
		fail "after the crash the client gets no \"$to\": r1 $(state r1), r2 $(state r2); $(tail -3 "$TMPD/probe"); $(cat "$TMPD/check-r1")"
	t1=$(first_ok "$t0" "$to")
	# The client may follow r2 before r1's check has noticed (a blip of
	# r1's adverts under emulation): fault follows, within the check's time.
	wait_for 30 is_state r1 fault || fail "r1 should be in fault with nginx dead, is $(state r1)"
	wait_for 5 no_vip r1 || fail "r1 in fault kept $VIP"
	t2=$(ms)
	nginx_start r1
	wait_for 20 answered "$t2" "$from" ||
		fail "nginx back on r1: the client gets no \"$from\": r1 $(state r1); $(tail -3 "$TMPD/probe")"
	t3=$(first_ok "$t2" "$from")
	wait_for 30 is_state r1 master || fail "r1 should be master again, is $(state r1)"
	REPORT+=("$from: crash->$to $((t1 - t0)) ms, $(failed "$t0" "$t1") failed; back $((t3 - t2)) ms, $(failed "$t2" "$t3") failed")
}

# Each balancer on its own, then the whole picture; `make check` (a
# scaled-down run) takes the whole picture only, which covers both.
if [ "${VRRP_TEST_SCALE:-100}" -ge 100 ]; then
	crash_and_back r1 r2
fi
for r in r1 r2; do
	nginx_conf $r proxy
	nginx_reload $r
done
crash_and_back "app via r1" "app via r2"
total=$(grep -c . "$TMPD/probe")
report=$(printf '%s; ' "${REPORT[@]}")
pass "${report%; } (of $total requests)"
