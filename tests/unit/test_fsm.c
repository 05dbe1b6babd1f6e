// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/fsm.c: the RFC 9568 6.4 state machine, driven by a fake clock in
 * nanoseconds. Every number below is worked out from RFC 9568 6.1, not
 * from fsm.c.
 */

#include "fsm.h"
#include "unit.h"

#define MS	1000000ULL
#define SEC	1000000000ULL
#define T0	(100 * SEC)	/* any time but 0, which means "stopped" */

/* Priority 100, 100 cs: Skew_Time = 156 * 100 / 256 cs = 60.9375 cs. */
#define SKEW_100	609375000ULL
#define DOWN_100	(3 * SEC + SKEW_100)

static const struct vrrp_fsm_config cfg_default = {
	.priority = 100,
	.preempt = true,
	.interval_cs = 100,
	.preempt_delay_ns = 0,
};

static struct vrrp_fsm_advert adv(u8 priority, u16 interval_cs, int addr_cmp)
{
	struct vrrp_fsm_advert a = {
		.priority = priority,
		.interval_cs = interval_cs,
		.addr_cmp = addr_cmp,
	};

	return a;
}

static u32 rx(struct vrrp_fsm *fsm, u8 priority, u16 interval_cs,
	      int addr_cmp, u64 now)
{
	struct vrrp_fsm_advert a = adv(priority, interval_cs, addr_cmp);

	return vrrp_fsm_rx(fsm, &a, now);
}

/* A Backup started at T0 with @cfg. */
static void backup(struct vrrp_fsm *fsm, const struct vrrp_fsm_config *cfg)
{
	vrrp_fsm_init(fsm, cfg);
	vrrp_fsm_startup(fsm, T0);
}

/* An Active router that took over by its down timer; returns the time. */
static u64 active(struct vrrp_fsm *fsm, const struct vrrp_fsm_config *cfg)
{
	u64 now;

	backup(fsm, cfg);
	now = fsm->down_at;
	vrrp_fsm_down_timer(fsm, now);
	return now;
}

TEST(skew_and_down_interval)
{
	CHECK_EQ(vrrp_fsm_skew_ns(3, 100, 100), SKEW_100);
	CHECK_EQ(vrrp_fsm_down_interval_ns(3, 100, 100), 3609375000ULL);
	/* 2 * 1 cs / 256 */
	CHECK_EQ(vrrp_fsm_skew_ns(3, 254, 1), 78125);
	CHECK_EQ(vrrp_fsm_down_interval_ns(3, 254, 1), 30078125);
	/* 255 * 4095 cs / 256 = 4079.00390625 cs */
	CHECK_EQ(vrrp_fsm_skew_ns(3, 1, 4095), 40790039062ULL);
	/* VRRPv2: 255/256 s, whatever the interval */
	CHECK_EQ(vrrp_fsm_skew_ns(2, 1, 4000), 996093750ULL);
	CHECK_EQ(vrrp_fsm_down_interval_ns(2, 1, 4000),
		 120 * SEC + 996093750ULL);
	CHECK_EQ(vrrp_fsm_down_interval_ns(3, 1, 4095),
		 3 * 4095 * 10 * MS + 40790039062ULL);
}

/*
 * RFC 3768 6.1: VRRPv2's Skew_Time is (256 - Priority) / 256 of a second
 * whatever the interval, after a priority 0 advert as at startup.
 */
TEST(v2_skew_is_a_fraction_of_a_second)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;

	cfg.version = 2;
	cfg.interval_cs = 300;
	backup(&fsm, &cfg);
	CHECK_EQ(fsm.down_at, T0 + 9 * SEC + SKEW_100);
	CHECK_ACT(rx(&fsm, 0, 300, 1, T0 + SEC), 0);
	CHECK_EQ(fsm.down_at, T0 + SEC + SKEW_100);
	/* VRRPv3 scales it with the interval. */
	cfg.version = 3;
	backup(&fsm, &cfg);
	CHECK_EQ(fsm.down_at, T0 + 9 * SEC + 3 * SKEW_100);
}

/*
 * RFC 3768 6.4.3: a VRRPv2 master discards a lower-priority advert, where
 * RFC 9568 6.4.3 answers it at once; both answer priority 0.
 */
TEST(v2_active_ignores_lower_priority)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 now;

	cfg.version = 2;
	now = active(&fsm, &cfg);
	CHECK(!(rx(&fsm, 50, 100, 1, now + MS) & VRRP_ACT_SEND_ADVERT));
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK(rx(&fsm, 0, 100, 1, now + 2 * SEC) & VRRP_ACT_SEND_ADVERT);
	cfg.version = 3;
	now = active(&fsm, &cfg);
	CHECK(rx(&fsm, 50, 100, 1, now + MS) & VRRP_ACT_SEND_ADVERT);
}

TEST(init_state)
{
	struct vrrp_fsm fsm;

	vrrp_fsm_init(&fsm, &cfg_default);
	CHECK_EQ(fsm.state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.advert_at, 0);
	CHECK_EQ(fsm.down_at, 0);
	CHECK_EQ(fsm.active_interval_cs, 100);
}

TEST(startup_becomes_backup)
{
	struct vrrp_fsm fsm;

	vrrp_fsm_init(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_startup(&fsm, T0), VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.old_state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.reason, VRRP_REASON_STARTUP);
	CHECK_EQ(fsm.down_at, T0 + 3609375000ULL);
	CHECK_EQ(fsm.advert_at, 0);
	/* A second startup is no event. */
	CHECK_ACT(vrrp_fsm_startup(&fsm, T0 + SEC), 0);
	CHECK_EQ(fsm.down_at, T0 + DOWN_100);
}

TEST(startup_owner_becomes_active)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;

	cfg.priority = 255;
	vrrp_fsm_init(&fsm, &cfg);
	CHECK_ACT(vrrp_fsm_startup(&fsm, T0),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.old_state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.reason, VRRP_REASON_OWNER);
	CHECK_EQ(fsm.advert_at, T0 + SEC);
	CHECK_EQ(fsm.down_at, 0);
}

TEST(down_timer_becomes_active)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + DOWN_100;

	backup(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now - 1), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.old_state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.reason, VRRP_REASON_DOWN_TIMER);
	CHECK_EQ(fsm.advert_at, now + SEC);
	CHECK_EQ(fsm.down_at, 0);
}

TEST(down_timer_late_counts_from_firing)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + DOWN_100 + 5 * SEC;

	backup(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.advert_at, now + SEC);
}

TEST(advert_timer_keeps_cadence)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 due = start + SEC;

	CHECK_EQ(fsm.advert_at, due);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due), VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, due + SEC);
	due += SEC;
	/* Late by 300 ms: the next deadline still follows this one. */
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due + 300 * MS),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, due + SEC);
	due += SEC;
	/* Late by just under an interval. */
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due + SEC - 1),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, due + SEC);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
}

/*
 * Each deadline is the previous one plus the interval, however late the
 * timer ran, as long as it ran within that interval; and one expiry is one
 * advert: firing again at the same instant sends nothing.
 */
TEST(advert_deadline_is_previous_plus_interval)
{
	struct vrrp_fsm fsm;
	u64 due = active(&fsm, &cfg_default) + SEC;
	u64 late, now;
	unsigned int i;

	for (i = 0; i < 50; i++) {
		CHECK_EQ(fsm.advert_at, due);
		late = (u64)i * (SEC / 50);
		now = due + late;
		CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now),
			  VRRP_ACT_SEND_ADVERT);
		CHECK_EQ(fsm.advert_at, due + SEC);
		CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now), 0);
		due += SEC;
	}
}

/*
 * Exactly one interval late, the next deadline would be now: that would be
 * two adverts back to back. It is an interval from now instead.
 */
TEST(advert_timer_one_interval_late_sends_once)
{
	struct vrrp_fsm fsm;
	u64 due = active(&fsm, &cfg_default) + SEC;
	u64 now = due + SEC;

	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now), VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, now + SEC);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now), 0);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now + SEC - 1), 0);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now + SEC),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, now + 2 * SEC);
}

TEST(advert_timer_resyncs_when_very_late)
{
	struct vrrp_fsm fsm;
	u64 due = active(&fsm, &cfg_default) + SEC;
	u64 now = due + SEC + 500 * MS;

	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now), VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, now + SEC);
	now += SEC + 7 * SEC;
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now), VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, now + SEC);
}

/* The lateness counters see each timed advert against its own deadline. */
TEST(advert_timer_reports_lateness)
{
	struct vrrp_fsm fsm;
	u64 due = active(&fsm, &cfg_default) + SEC;

	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due), VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_late_ns, 0);
	due += SEC;
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due + 3 * MS + 7),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_late_ns, 3 * MS + 7);
	due += SEC;
	/* Two and a half intervals late: two deadlines passed unserved. */
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due + 2 * SEC + 500 * MS),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_late_ns, 2 * SEC + 500 * MS);
	/* Early: nothing sent, nothing measured. */
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, fsm.advert_at - 1), 0);
	CHECK_EQ(fsm.advert_late_ns, 2 * SEC + 500 * MS);
}

TEST(down_timer_reports_lateness)
{
	struct vrrp_fsm fsm;
	u64 due = T0 + DOWN_100;

	backup(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, due - 1), 0);
	CHECK_EQ(fsm.down_late_ns, 0);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, due + 42 * MS),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.down_late_ns, 42 * MS);
}

TEST(advert_timer_early_does_nothing)
{
	struct vrrp_fsm fsm, before;
	u64 due = active(&fsm, &cfg_default) + SEC;

	before = fsm;
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, due - 1), 0);
	CHECK(!memcmp(&fsm, &before, sizeof(fsm)));
}

TEST(backup_priority_zero_skew)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	CHECK_ACT(rx(&fsm, 0, 100, 1, now), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.down_at, now + SKEW_100);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now + SKEW_100 - 1), 0);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now + SKEW_100),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.reason, VRRP_REASON_PRIORITY_ZERO);
}

TEST(backup_priority_zero_uses_learned_interval)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	rx(&fsm, 200, 200, 1, now);
	now += SEC;
	CHECK_ACT(rx(&fsm, 0, 200, 1, now), 0);
	/* 156 * 200 cs / 256 = 121.875 cs */
	CHECK_EQ(fsm.down_at, now + 1218750000ULL);
}

TEST(backup_down_reason_reset_by_advert)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	rx(&fsm, 0, 100, 1, now);
	rx(&fsm, 200, 100, 1, now + 1);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, fsm.down_at) & VRRP_ACT_STATE,
		  VRRP_ACT_STATE);
	CHECK_EQ(fsm.reason, VRRP_REASON_DOWN_TIMER);
}

TEST(backup_higher_priority_learns_interval)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	CHECK_ACT(rx(&fsm, 200, 50, 1, now), VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.active_interval_cs, 50);
	/* 3 * 50 cs + 156 * 50 / 256 cs = 1.5 s + 304687500 ns */
	CHECK_EQ(fsm.down_at, now + 1804687500ULL);
	CHECK_EQ(fsm.advert_at, 0);
	/* Our own interval is not changed by it. */
	CHECK_EQ(fsm.cfg.interval_cs, 100);
}

TEST(backup_equal_priority_learns_interval)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	/* Even if we would win the address tie-break: no preempting. */
	CHECK_ACT(rx(&fsm, 100, 300, -1, now), VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.active_interval_cs, 300);
	/* 9 s + 156 * 300 / 256 cs */
	CHECK_EQ(fsm.down_at, now + 9 * SEC + 1828125000ULL);
}

TEST(backup_lower_priority_ignored_with_preempt)
{
	struct vrrp_fsm fsm, before;

	backup(&fsm, &cfg_default);
	before = fsm;
	CHECK_ACT(rx(&fsm, 99, 50, 1, T0 + SEC), 0);
	CHECK_EQ(fsm.down_at, T0 + DOWN_100);
	CHECK_EQ(fsm.active_interval_cs, 100);
	CHECK(!memcmp(&fsm, &before, sizeof(fsm)));
	/* ...so the down timer preempts the lower-priority master. */
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, T0 + DOWN_100),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.reason, VRRP_REASON_DOWN_TIMER);
}

TEST(backup_lower_priority_resets_without_preempt)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 now = T0 + 2 * SEC;

	cfg.preempt = false;
	backup(&fsm, &cfg);
	CHECK_ACT(rx(&fsm, 1, 50, 1, now), VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.active_interval_cs, 50);
	CHECK_EQ(fsm.down_at, now + 1804687500ULL);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, T0 + DOWN_100), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
}

TEST(backup_preempt_delay)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 until = T0 + 10 * SEC;

	cfg.preempt_delay_ns = 10 * SEC;
	backup(&fsm, &cfg);
	CHECK_ACT(rx(&fsm, 50, 100, 1, T0 + SEC), VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.down_at, T0 + SEC + DOWN_100);
	CHECK_ACT(rx(&fsm, 50, 100, 1, until - 1), VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.down_at, until - 1 + DOWN_100);
	/* The delay is over: lower priority is ignored again. */
	CHECK_ACT(rx(&fsm, 50, 100, 1, until), 0);
	CHECK_EQ(fsm.down_at, until - 1 + DOWN_100);
	CHECK_ACT(rx(&fsm, 50, 100, 1, until + SEC), 0);
	CHECK_EQ(fsm.down_at, until - 1 + DOWN_100);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, until - 1 + DOWN_100),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
}

TEST(active_higher_priority_becomes_backup)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 300 * MS;

	CHECK_ACT(rx(&fsm, 101, 50, -1, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_DOWN |
		  VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.old_state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.reason, VRRP_REASON_PREEMPTED);
	CHECK_EQ(fsm.active_interval_cs, 50);
	CHECK_EQ(fsm.down_at, now + 1804687500ULL);
	CHECK_EQ(fsm.advert_at, 0);
}

TEST(active_equal_priority_higher_address_wins)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 300 * MS;

	CHECK_ACT(rx(&fsm, 100, 100, 1, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_DOWN |
		  VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.down_at, now + DOWN_100);
}

TEST(active_equal_priority_lower_address_stays)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 2 * SEC + 300 * MS;

	vrrp_fsm_advert_timer(&fsm, start + SEC);
	vrrp_fsm_advert_timer(&fsm, start + 2 * SEC);
	CHECK_ACT(rx(&fsm, 100, 100, -1, now),
		  VRRP_ACT_SEND_ADVERT | VRRP_ACT_ANNOUNCE);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	/* The cadence of our own adverts is left alone. */
	CHECK_EQ(fsm.advert_at, start + 3 * SEC);
}

/*
 * RFC 9568 6.4.3 yields only to a greater address: an equal one (our own
 * advert, looped back) is no reason to step down.
 */
TEST(active_equal_priority_equal_address_stays)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 300 * MS;

	CHECK_ACT(rx(&fsm, 100, 100, 0, now) & VRRP_ACT_STATE, 0);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
}

TEST(active_lower_priority_answers_at_once)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 5 * SEC;

	CHECK_ACT(rx(&fsm, 99, 100, 1, now),
		  VRRP_ACT_SEND_ADVERT | VRRP_ACT_ANNOUNCE);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.advert_at, start + SEC);
}

TEST(announce_at_most_once_a_second)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 10 * SEC + 500 * MS;

	CHECK_ACT(rx(&fsm, 50, 100, 1, now),
		  VRRP_ACT_SEND_ADVERT | VRRP_ACT_ANNOUNCE);
	CHECK_ACT(rx(&fsm, 50, 100, 1, now + 1), 0);
	CHECK_ACT(rx(&fsm, 100, 100, -1, now + SEC - 1), 0);
	CHECK_ACT(rx(&fsm, 50, 100, 1, now + SEC),
		  VRRP_ACT_SEND_ADVERT | VRRP_ACT_ANNOUNCE);
	CHECK_ACT(rx(&fsm, 50, 100, 1, now + 3 * SEC),
		  VRRP_ACT_SEND_ADVERT | VRRP_ACT_ANNOUNCE);
}

/*
 * A request inside the second is not lost: the advert timer fires when
 * the second is over (before the next advert is due) and announces then.
 */
TEST(announce_inside_the_second_is_deferred)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 200 * MS;
	u64 next_advert;

	CHECK_ACT(rx(&fsm, 50, 100, 1, now) & VRRP_ACT_ANNOUNCE,
		  VRRP_ACT_ANNOUNCE);
	CHECK_ACT(rx(&fsm, 50, 100, 1, now + 300 * MS), 0);
	next_advert = fsm.advert_at;
	CHECK_EQ(next_advert, start + SEC);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, next_advert),
		  VRRP_ACT_SEND_ADVERT);
	next_advert += SEC;
	CHECK_EQ(vrrp_fsm_advert_timer_at(&fsm), now + SEC);
	/* Early: nothing yet. */
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now + SEC - 1), 0);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now + SEC), VRRP_ACT_ANNOUNCE);
	/* The cadence is untouched and nothing more is pending. */
	CHECK_EQ(fsm.advert_at, next_advert);
	CHECK_EQ(vrrp_fsm_advert_timer_at(&fsm), next_advert);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, next_advert),
		  VRRP_ACT_SEND_ADVERT);
}

/* Due together: one expiry does both. */
TEST(announce_deferred_to_the_next_advert)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);

	rx(&fsm, 50, 100, 1, start);
	rx(&fsm, 50, 100, 1, start + 500 * MS);
	CHECK_EQ(vrrp_fsm_advert_timer_at(&fsm), start + SEC);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, start + SEC),
		  VRRP_ACT_SEND_ADVERT | VRRP_ACT_ANNOUNCE);
}

/* Nothing deferred survives leaving Active. */
TEST(announce_pending_dropped_when_preempted)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 10 * SEC + 200 * MS;

	rx(&fsm, 50, 100, 1, now);
	rx(&fsm, 50, 100, 1, now + 100 * MS);
	CHECK_EQ(fsm.announce_pending, true);
	rx(&fsm, 200, 100, 1, now + 200 * MS);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.announce_pending, false);
	CHECK_EQ(vrrp_fsm_advert_timer_at(&fsm), 0);
}

/*
 * A flood of lower-priority or priority 0 adverts gets one answer per
 * Advertisement_Interval, and the cadence of our adverts goes on.
 */
TEST(answers_at_most_once_an_interval)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 10 * SEC + 200 * MS;
	unsigned int i, answers = 0;

	for (i = 0; i < 1000; i++) {
		u32 act = rx(&fsm, i % 2 ? 50 : 0, 100, 1, now + i * MS);

		answers += !!(act & VRRP_ACT_SEND_ADVERT);
	}
	/* now + 0 and now + 1 s are answered, nothing between. */
	CHECK_EQ(answers, 1);
	CHECK_ACT(rx(&fsm, 0, 100, 1, now + SEC) & VRRP_ACT_SEND_ADVERT,
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, now + 2 * SEC);
	/* A priority 0 that is not answered does not move the cadence. */
	CHECK_ACT(rx(&fsm, 0, 100, 1, now + SEC + 1) & VRRP_ACT_SEND_ADVERT,
		  0);
	CHECK_EQ(fsm.advert_at, now + 2 * SEC);
}

/*
 * CONFORMANCE.md, split brain: W (200, nopreempt, so it was a Backup
 * under M) took over during a partition at `start`; its gratuitous ARPs
 * reached only its own side. The partition heals 500 ms later. M (100)
 * is heard by W, or hears W first, yields and sends its last advert: in
 * either order, W hears a lower-priority advert and is the only one left
 * that can win M's side's clients back, within a second.
 */
TEST(split_brain_heal_soon_after_takeover_announces)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 start, now;
	u32 act = 0;

	cfg.priority = 200;
	cfg.preempt = false;
	start = active(&fsm, &cfg);
	now = start + 500 * MS;
	act |= rx(&fsm, 100, 100, -1, now);		/* M's advert */
	act |= rx(&fsm, 100, 100, -1, now + 1 * MS);	/* M's last one */
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_ACT(act & VRRP_ACT_ANNOUNCE, VRRP_ACT_ANNOUNCE);
}

TEST(active_priority_zero_answers_and_resets)
{
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 700 * MS;
	u32 act;

	act = rx(&fsm, 0, 100, 1, now);
	CHECK_ACT(act & VRRP_ACT_SEND_ADVERT, VRRP_ACT_SEND_ADVERT);
	CHECK_ACT(act & (VRRP_ACT_STATE | VRRP_ACT_VIPS_UP |
			 VRRP_ACT_VIPS_DOWN | VRRP_ACT_SEND_PRIO0), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.advert_at, now + SEC);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, start + SEC), 0);
}

TEST(owner_conflict)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u32 act;

	cfg.priority = 255;
	vrrp_fsm_init(&fsm, &cfg);
	vrrp_fsm_startup(&fsm, T0);
	act = rx(&fsm, 255, 100, -1, T0 + 5 * SEC);
	CHECK_ACT(act & VRRP_ACT_OWNER_CONFLICT, VRRP_ACT_OWNER_CONFLICT);
	CHECK_ACT(act & VRRP_ACT_SEND_ADVERT, VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	act = rx(&fsm, 255, 100, 1, T0 + 6 * SEC);
	CHECK_ACT(act & VRRP_ACT_OWNER_CONFLICT, VRRP_ACT_OWNER_CONFLICT);
	/* Anyone else just hears a better router. */
	active(&fsm, &cfg_default);
	act = rx(&fsm, 255, 100, -1, fsm.advert_at - 1);
	CHECK_ACT(act & VRRP_ACT_OWNER_CONFLICT, 0);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	/* Nor does an owner in Active flag a lower priority. */
	vrrp_fsm_init(&fsm, &cfg);
	vrrp_fsm_startup(&fsm, T0);
	CHECK_ACT(rx(&fsm, 254, 100, 1, T0 + 5 * SEC) &
		  VRRP_ACT_OWNER_CONFLICT, 0);
}

TEST(shutdown_from_active)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 100 * MS;

	CHECK_ACT(vrrp_fsm_shutdown(&fsm, VRRP_REASON_SHUTDOWN, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_PRIO0 | VRRP_ACT_VIPS_DOWN);
	CHECK_EQ(fsm.state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.old_state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.reason, VRRP_REASON_SHUTDOWN);
	CHECK_EQ(fsm.advert_at, 0);
	CHECK_EQ(fsm.down_at, 0);
	CHECK_ACT(vrrp_fsm_shutdown(&fsm, VRRP_REASON_SHUTDOWN, now + 1), 0);
}

TEST(fault_from_active_sends_priority_zero)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 100 * MS;

	CHECK_ACT(vrrp_fsm_stop(&fsm, VRRP_STATE_FAULT, VRRP_REASON_TRACK,
				now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_PRIO0 | VRRP_ACT_VIPS_DOWN);
	CHECK_EQ(fsm.state, VRRP_STATE_FAULT);
	CHECK_EQ(fsm.old_state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.reason, VRRP_REASON_TRACK);
	CHECK_EQ(fsm.advert_at, 0);
	CHECK_EQ(fsm.down_at, 0);
	/* Fault is not running: timers and adverts do nothing. */
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now + SEC), 0);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now + 10 * SEC), 0);
	CHECK_ACT(rx(&fsm, 50, 100, 0, now + SEC), 0);
	CHECK_ACT(vrrp_fsm_stop(&fsm, VRRP_STATE_FAULT, VRRP_REASON_TRACK,
				now + 1), 0);
}

TEST(fault_from_backup_and_back)
{
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_stop(&fsm, VRRP_STATE_FAULT, VRRP_REASON_TRACK_DEV,
				now), VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_FAULT);
	CHECK_EQ(fsm.down_at, 0);
	/* Startup leaves fault as it leaves Initialize. */
	CHECK_ACT(vrrp_fsm_startup(&fsm, now + SEC), VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.old_state, VRRP_STATE_FAULT);
	/* What let it out: the fault's reason, not a startup's. */
	CHECK_EQ(fsm.reason, VRRP_REASON_TRACK_DEV);
	CHECK_EQ(fsm.down_at, now + SEC + DOWN_100);
}

TEST(fault_and_init_trade_places)
{
	struct vrrp_fsm fsm;

	vrrp_fsm_init(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_stop(&fsm, VRRP_STATE_FAULT, VRRP_REASON_TRACK,
				T0), VRRP_ACT_STATE);
	CHECK_EQ(fsm.old_state, VRRP_STATE_INIT);
	CHECK_ACT(vrrp_fsm_shutdown(&fsm, VRRP_REASON_LINK_DOWN, T0 + 1),
		  VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.old_state, VRRP_STATE_FAULT);
}

TEST(held_down_timer_waits_another_interval)
{
	struct vrrp_fsm fsm;
	u64 now;

	backup(&fsm, &cfg_default);
	now = fsm.down_at;
	fsm.held = true;
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.down_at, now + DOWN_100);
	CHECK(!fsm.following);
	fsm.held = false;
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, now + DOWN_100),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
}

TEST(held_owner_starts_as_backup)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;

	cfg.priority = 255;
	vrrp_fsm_init(&fsm, &cfg);
	fsm.held = true;
	CHECK_ACT(vrrp_fsm_startup(&fsm, T0), VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
}

TEST(following_tells_who_would_take_over)
{
	struct vrrp_fsm fsm;

	backup(&fsm, &cfg_default);
	CHECK(!fsm.following);
	rx(&fsm, 200, 100, 0, T0 + SEC);
	CHECK(fsm.following);
	/* A lower master is ignored: this backup would preempt it. */
	rx(&fsm, 50, 100, 0, T0 + 2 * SEC);
	CHECK(!fsm.following);
	rx(&fsm, 200, 100, 0, T0 + 3 * SEC);
	rx(&fsm, 0, 100, 0, T0 + 4 * SEC);
	CHECK(!fsm.following);
}

TEST(group_activate_only_from_backup)
{
	struct vrrp_fsm fsm;

	backup(&fsm, &cfg_default);
	rx(&fsm, 200, 100, 0, T0 + SEC);
	CHECK_ACT(vrrp_fsm_group_activate(&fsm, T0 + 2 * SEC),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.reason, VRRP_REASON_GROUP);
	CHECK_ACT(vrrp_fsm_group_activate(&fsm, T0 + 3 * SEC), 0);
	vrrp_fsm_init(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_group_activate(&fsm, T0), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_INIT);
}

TEST(group_yield_says_priority_zero)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 100 * MS;

	CHECK_ACT(vrrp_fsm_group_yield(&fsm, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_PRIO0 | VRRP_ACT_VIPS_DOWN);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.reason, VRRP_REASON_GROUP);
	CHECK_EQ(fsm.advert_at, 0);
	CHECK_EQ(fsm.down_at, now + DOWN_100);
	CHECK(!fsm.following);
	CHECK_ACT(vrrp_fsm_group_yield(&fsm, now + 1), 0);
}

TEST(shutdown_link_down_sends_nothing)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + 100 * MS;

	CHECK_ACT(vrrp_fsm_shutdown(&fsm, VRRP_REASON_LINK_DOWN, now),
		  VRRP_ACT_STATE | VRRP_ACT_VIPS_DOWN);
	CHECK_EQ(fsm.state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.reason, VRRP_REASON_LINK_DOWN);
	CHECK_EQ(fsm.advert_at, 0);
	CHECK_EQ(fsm.down_at, 0);
}

TEST(shutdown_from_backup)
{
	struct vrrp_fsm fsm;

	backup(&fsm, &cfg_default);
	CHECK_ACT(vrrp_fsm_shutdown(&fsm, VRRP_REASON_SHUTDOWN, T0 + SEC),
		  VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_INIT);
	CHECK_EQ(fsm.old_state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.advert_at, 0);
	CHECK_EQ(fsm.down_at, 0);
}

TEST(startup_after_shutdown)
{
	struct vrrp_fsm fsm;
	u64 now = active(&fsm, &cfg_default) + SEC;

	vrrp_fsm_shutdown(&fsm, VRRP_REASON_LINK_DOWN, now);
	now += 10 * SEC;
	CHECK_ACT(vrrp_fsm_startup(&fsm, now), VRRP_ACT_STATE);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.reason, VRRP_REASON_STARTUP);
	CHECK_EQ(fsm.down_at, now + DOWN_100);
	CHECK_EQ(fsm.advert_at, 0);
}

TEST(startup_forgets_learned_interval)
{
	struct vrrp_fsm fsm;

	backup(&fsm, &cfg_default);
	rx(&fsm, 200, 400, 1, T0 + SEC);
	vrrp_fsm_shutdown(&fsm, VRRP_REASON_LINK_DOWN, T0 + 2 * SEC);
	vrrp_fsm_startup(&fsm, T0 + 3 * SEC);
	CHECK_EQ(fsm.active_interval_cs, 100);
	CHECK_EQ(fsm.down_at, T0 + 3 * SEC + DOWN_100);
}

TEST(events_in_wrong_state_do_nothing)
{
	struct vrrp_fsm fsm, before;
	u64 far = T0 + 1000 * SEC;

	vrrp_fsm_init(&fsm, &cfg_default);
	before = fsm;
	CHECK_ACT(rx(&fsm, 200, 100, 1, far), 0);
	CHECK_ACT(rx(&fsm, 0, 100, 1, far), 0);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, far), 0);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, far), 0);
	CHECK(!memcmp(&fsm, &before, sizeof(fsm)));

	backup(&fsm, &cfg_default);
	before = fsm;
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, far), 0);
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, fsm.down_at - 1), 0);
	CHECK(!memcmp(&fsm, &before, sizeof(fsm)));

	active(&fsm, &cfg_default);
	before = fsm;
	CHECK_ACT(vrrp_fsm_down_timer(&fsm, far), 0);
	CHECK_ACT(vrrp_fsm_startup(&fsm, far), 0);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, fsm.advert_at - 1), 0);
	CHECK(!memcmp(&fsm, &before, sizeof(fsm)));
}

TEST(configure_lower_priority_in_active_advertises)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);

	cfg.priority = 90;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, start + 200 * MS),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.cfg.priority, 90);
	CHECK_EQ(fsm.advert_at, start + SEC);
	cfg.priority = 120;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, start + 300 * MS), 0);
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, start + 400 * MS), 0);
}

TEST(configure_owner_in_backup_becomes_active)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 now = T0 + SEC;

	backup(&fsm, &cfg_default);
	cfg.priority = 255;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, now),
		  VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP);
	CHECK_EQ(fsm.state, VRRP_STATE_ACTIVE);
	CHECK_EQ(fsm.old_state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.reason, VRRP_REASON_OWNER);
	CHECK_EQ(fsm.advert_at, now + SEC);
	CHECK_EQ(fsm.down_at, 0);
}

TEST(configure_priority_in_backup_waits)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;

	backup(&fsm, &cfg_default);
	cfg.priority = 254;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, T0 + SEC), 0);
	CHECK_EQ(fsm.state, VRRP_STATE_BACKUP);
	CHECK_EQ(fsm.down_at, T0 + DOWN_100);
}

TEST(configure_shorter_interval_pulls_advert_in)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 start = active(&fsm, &cfg_default);
	u64 now = start + 100 * MS;

	cfg.interval_cs = 20;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, now), 0);
	CHECK_EQ(fsm.advert_at, now + 200 * MS);
	CHECK_ACT(vrrp_fsm_advert_timer(&fsm, now + 200 * MS),
		  VRRP_ACT_SEND_ADVERT);
	CHECK_EQ(fsm.advert_at, now + 400 * MS);
	/* A longer one keeps the deadline and paces the next ones. */
	cfg.interval_cs = 500;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, now + 300 * MS), 0);
	CHECK_EQ(fsm.advert_at, now + 400 * MS);
	vrrp_fsm_advert_timer(&fsm, now + 400 * MS);
	CHECK_EQ(fsm.advert_at, now + 400 * MS + 5 * SEC);
}

TEST(configure_preempt_delay_restarts_window)
{
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	u64 now = T0 + 5 * SEC;

	backup(&fsm, &cfg_default);
	/* No delay: a lower priority is ignored at once. */
	CHECK_ACT(rx(&fsm, 50, 100, 1, T0 + SEC), 0);
	CHECK_EQ(fsm.down_at, T0 + DOWN_100);
	cfg.preempt_delay_ns = 10 * SEC;
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, now), 0);
	CHECK_EQ(fsm.preempt_after, now + 10 * SEC);
	CHECK_ACT(rx(&fsm, 50, 100, 1, now + SEC), VRRP_ACT_FOLLOW);
	CHECK_EQ(fsm.down_at, now + SEC + DOWN_100);
	/* The same delay again is no change and restarts nothing. */
	CHECK_ACT(vrrp_fsm_configure(&fsm, &cfg, now + 5 * SEC), 0);
	CHECK_EQ(fsm.preempt_after, now + 10 * SEC);
	CHECK_ACT(rx(&fsm, 50, 100, 1, now + 10 * SEC), 0);
	CHECK_EQ(fsm.down_at, now + SEC + DOWN_100);
}

/* The randomized property test: xorshift64*, fixed seed. */
static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(u64 n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL >> 11) % n;
}

static u8 rnd_priority(void)
{
	switch (rnd(4)) {
	case 0:
		return 255;
	case 1:
		return (u8)(99 + rnd(3));
	default:
		return (u8)(1 + rnd(254));
	}
}

static u16 rnd_interval(void)
{
	return rnd(8) ? (u16)(1 + rnd(200)) : (u16)(1 + rnd(4095));
}

static void rnd_config(struct vrrp_fsm_config *cfg)
{
	cfg->priority = rnd(5) ? (u8)(1 + rnd(254)) : 255;
	cfg->preempt = rnd(4) != 0;
	cfg->interval_cs = rnd_interval();
	cfg->preempt_delay_ns = rnd(2) ? 0 : rnd(5 * SEC);
}

static bool check_invariants(const struct vrrp_fsm *fsm,
			     const struct vrrp_fsm *before, u32 act, u64 now,
			     u64 *announced)
{
	enum vrrp_state prev = before->state;
	bool up = act & VRRP_ACT_STATE && fsm->state == VRRP_STATE_ACTIVE;
	bool down = act & VRRP_ACT_STATE && prev == VRRP_STATE_ACTIVE;

	switch (fsm->state) {
	case VRRP_STATE_INIT:
		if (fsm->advert_at || fsm->down_at)
			return false;
		break;
	case VRRP_STATE_BACKUP:
		if (fsm->advert_at || !fsm->down_at)
			return false;
		break;
	case VRRP_STATE_ACTIVE:
		if (!fsm->advert_at || fsm->down_at)
			return false;
		break;
	default:
		return false;
	}
	if (act & VRRP_ACT_STATE) {
		if (fsm->old_state == fsm->state || fsm->old_state != prev)
			return false;
	} else if (fsm->state != prev) {
		return false;
	}
	if (!!(act & VRRP_ACT_VIPS_UP) != up ||
	    !!(act & VRRP_ACT_VIPS_DOWN) != down)
		return false;
	if (act & VRRP_ACT_SEND_PRIO0 &&
	    !(down && fsm->state == VRRP_STATE_INIT))
		return false;
	if (act & VRRP_ACT_SEND_ADVERT && fsm->state != VRRP_STATE_ACTIVE &&
	    !down)
		return false;
	if (act & VRRP_ACT_OWNER_CONFLICT && fsm->cfg.priority != 255)
		return false;
	if (act & VRRP_ACT_FOLLOW && fsm->state != VRRP_STATE_BACKUP)
		return false;
	if (act & VRRP_ACT_ANNOUNCE) {
		if (fsm->state != VRRP_STATE_ACTIVE ||
		    (*announced && now < *announced + SEC))
			return false;
		*announced = now;
	}
	/* A deadline just set lies ahead. */
	if (fsm->advert_at != before->advert_at && fsm->advert_at &&
	    fsm->advert_at <= now)
		return false;
	if (fsm->down_at != before->down_at && fsm->down_at &&
	    fsm->down_at <= now)
		return false;
	return true;
}

TEST(random_events_keep_invariants)
{
	static const char *const names[] = {
		"startup", "shutdown", "advert timer", "down timer", "rx",
		"configure",
	};
	struct vrrp_fsm_config cfg = cfg_default;
	struct vrrp_fsm fsm;
	struct vrrp_fsm before;
	u64 now = SEC, announced = 0;
	unsigned int i, ev;
	u32 act;

	vrrp_fsm_init(&fsm, &cfg);
	for (i = 0; i < 300000; i++) {
		/* Time only moves forward, by 0 to a few intervals. */
		if (rnd(4))
			now += rnd(3ULL * fsm.cfg.interval_cs *
				   VRRP_NSEC_PER_CS + 1);
		before = fsm;
		ev = (unsigned int)rnd(20);
		switch (ev) {
		case 0:
			ev = 0;
			act = vrrp_fsm_startup(&fsm, now);
			break;
		case 1:
			ev = 1;
			act = vrrp_fsm_shutdown(&fsm, rnd(2) ?
						VRRP_REASON_SHUTDOWN :
						VRRP_REASON_LINK_DOWN, now);
			break;
		case 2: case 3: case 4:
			if (rnd(2) && fsm.advert_at > now)
				now = fsm.advert_at;
			ev = 2;
			act = vrrp_fsm_advert_timer(&fsm, now);
			break;
		case 5: case 6: case 7:
			if (rnd(2) && fsm.down_at > now)
				now = fsm.down_at;
			ev = 3;
			act = vrrp_fsm_down_timer(&fsm, now);
			break;
		case 8:
			ev = 5;
			rnd_config(&cfg);
			act = vrrp_fsm_configure(&fsm, &cfg, now);
			break;
		default:
			ev = 4;
			act = rx(&fsm, rnd(6) ? rnd_priority() : 0,
				 rnd_interval(), (int)rnd(3) - 1, now);
			break;
		}
		if (!check_invariants(&fsm, &before, act, now, &announced)) {
			unit_fail("event %u (%s) at %llu ns: %d->%d act 0x%x advert_at %llu down_at %llu",
				  i, names[ev], (unsigned long long)now,
				  before.state,
				  fsm.state, act,
				  (unsigned long long)fsm.advert_at,
				  (unsigned long long)fsm.down_at);
			return;
		}
	}
}

static const struct unit_test tests[] = {
	T(skew_and_down_interval),
	T(v2_skew_is_a_fraction_of_a_second),
	T(v2_active_ignores_lower_priority),
	T(init_state),
	T(startup_becomes_backup),
	T(startup_owner_becomes_active),
	T(down_timer_becomes_active),
	T(down_timer_late_counts_from_firing),
	T(advert_timer_keeps_cadence),
	T(advert_deadline_is_previous_plus_interval),
	T(advert_timer_one_interval_late_sends_once),
	T(advert_timer_resyncs_when_very_late),
	T(advert_timer_reports_lateness),
	T(down_timer_reports_lateness),
	T(advert_timer_early_does_nothing),
	T(backup_priority_zero_skew),
	T(backup_priority_zero_uses_learned_interval),
	T(backup_down_reason_reset_by_advert),
	T(backup_higher_priority_learns_interval),
	T(backup_equal_priority_learns_interval),
	T(backup_lower_priority_ignored_with_preempt),
	T(backup_lower_priority_resets_without_preempt),
	T(backup_preempt_delay),
	T(active_higher_priority_becomes_backup),
	T(active_equal_priority_higher_address_wins),
	T(active_equal_priority_lower_address_stays),
	T(active_equal_priority_equal_address_stays),
	T(active_lower_priority_answers_at_once),
	T(announce_at_most_once_a_second),
	T(announce_inside_the_second_is_deferred),
	T(announce_deferred_to_the_next_advert),
	T(announce_pending_dropped_when_preempted),
	T(answers_at_most_once_an_interval),
	T(split_brain_heal_soon_after_takeover_announces),
	T(active_priority_zero_answers_and_resets),
	T(owner_conflict),
	T(shutdown_from_active),
	T(fault_from_active_sends_priority_zero),
	T(fault_from_backup_and_back),
	T(fault_and_init_trade_places),
	T(held_down_timer_waits_another_interval),
	T(held_owner_starts_as_backup),
	T(following_tells_who_would_take_over),
	T(group_activate_only_from_backup),
	T(group_yield_says_priority_zero),
	T(shutdown_link_down_sends_nothing),
	T(shutdown_from_backup),
	T(startup_after_shutdown),
	T(startup_forgets_learned_interval),
	T(events_in_wrong_state_do_nothing),
	T(configure_lower_priority_in_active_advertises),
	T(configure_owner_in_backup_becomes_active),
	T(configure_priority_in_backup_waits),
	T(configure_shorter_interval_pulls_advert_in),
	T(configure_preempt_delay_restarts_window),
	T(random_events_keep_invariants),
};

UNIT_MAIN(tests)
