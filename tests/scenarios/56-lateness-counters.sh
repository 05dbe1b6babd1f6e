#!/bin/bash
# 56-lateness-counters: `vrrpadm stats` accounts for every advert the
# master's timer sent, by how late it left. r1 is master at 10 ms for 3 s;
# then its counters must agree with each other:
#   - the five buckets add up to the adverts sent, less those the timer
#     did not send (the one on becoming master, priority 0 ones);
#   - advert_late_max_us falls in the highest bucket that is not empty;
#   - the timer interrupt's own lateness is part of the whole, never more;
#   - no deadline was missed unless some advert was a whole interval late.
# Lateness itself depends on the machine: nothing here holds it to a time.
. "$(dirname "$0")/lib.sh"

load
topology
vrrpadm r1 add dev eth0 vrid 51 priority 200 interval 10ms vip $VIP/24 || fail "add on r1"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
sleep 3
stats=$(vrrpadm r1 stats dev eth0 vrid 51) || fail "vrrpadm stats failed"
s() { awk -v name="$1" '$1 == name { print $2 }' <<<"$stats"; }

tx=$(s adverts_tx)
untimed=$(($(s became_master) + $(s prio0_tx)))
buckets=(advert_late_lt_100us advert_late_lt_1ms advert_late_lt_10ms advert_late_lt_100ms advert_late_ge_100ms)
bounds=(100 1000 10000 100000)
timed=0
for b in "${buckets[@]}"; do
	[ -n "$(s "$b")" ] || fail "no $b in: $stats"
	timed=$((timed + $(s "$b")))
done
[ "$timed" -ge 100 ] || fail "only $timed timed adverts in 3 s at 10 ms: $stats"
# (One advert may have left between reading adverts_tx and the buckets.)
[ "$timed" -ge $((tx - untimed - 1)) ] && [ "$timed" -le $((tx + 1)) ] ||
	fail "buckets hold $timed adverts, adverts_tx $tx of which $untimed untimed"

max=$(s advert_late_max_us)
top=0
for i in "${!buckets[@]}"; do
	[ "$(s "${buckets[$i]}")" -eq 0 ] || top=$i
done
lo=$((top > 0 ? bounds[top - 1] : 0))
[ "$max" -ge "$lo" ] && { [ "$top" -eq 4 ] || [ "$max" -lt "${bounds[$top]}" ]; } ||
	fail "advert_late_max_us $max is not in ${buckets[$top]}, the highest bucket in use"

irq=$(s advert_irq_late_max_us)
[ -n "$irq" ] || fail "no advert_irq_late_max_us in: $stats"
[ "$irq" -le "$max" ] || fail "the interrupt's lateness ($irq us) exceeds the whole ($max us)"

missed=$(s advert_missed)
[ "$max" -ge 10000 ] || [ "$missed" -eq 0 ] ||
	fail "$missed deadlines missed, yet no advert was 10 ms late (max $max us)"
pass "lateness counters: $timed timed adverts, max $max us (interrupt $irq us), consistent"
