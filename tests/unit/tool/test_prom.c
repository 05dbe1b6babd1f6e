// SPDX-License-Identifier: GPL-2.0
/* stats --prometheus: the text exposition format, family by family. */
#include <stdlib.h>
#include <string.h>

#include "prom.h"
#include "test.h"

static char *text;

static const char *written(const struct prom_data *d)
{
	size_t len = 0;
	FILE *f;

	free(text);
	text = NULL;
	f = open_memstream(&text, &len);
	prom_write(f, d);
	fclose(f);
	return text;
}

static struct prom_data sample(void)
{
	struct prom_data d = { 0 };
	struct prom_instance a = { .dev = "eth0", .family = "inet",
				   .name = "VI_1", .vrid = 51,
				   .state = VRRP_STATE_ACTIVE, .priority = 150,
				   .effective = 90, .has_master_priority = true,
				   .master_priority = 90 };
	struct prom_instance b = { .dev = "eth1", .family = "inet6",
				   .vrid = 7, .state = VRRP_STATE_BACKUP,
				   .priority = 100, .effective = 100 };
	struct health h = { .name = "web", .up = true, .has_value = true,
			    .value = -3 };

	a.stats[VRRP_STAT_ADVERT_TX] = 1234;
	a.stats[VRRP_STAT_DROP_TTL] = 5;
	a.stats[VRRP_STAT_ADVERT_LATE_1MS] = 17;
	a.stats[VRRP_STAT_ADVERT_LATE_MAX_US] = 2500;
	d.inst = calloc(2, sizeof(*d.inst));
	d.inst[0] = a;
	d.inst[1] = b;
	d.ninst = d.cap = 2;
	EXPECT(!prom_add_object(&d, &h));
	d.has_unmatched = true;
	d.unmatched[VRRP_STAT_DROP_VRID] = 9;
	return d;
}

static void families_and_samples(void)
{
	struct prom_data d = sample();
	const char *t = written(&d);

	EXPECT(strstr(t, "# HELP vrrp_instance_state "));
	EXPECT(strstr(t, "# TYPE vrrp_instance_state gauge\n"));
	EXPECT(strstr(t, "vrrp_instance_state{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\",state=\"master\"} 1\n"));
	EXPECT(strstr(t, "vrrp_instance_state{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\",state=\"backup\"} 0\n"));
	EXPECT(strstr(t, "vrrp_instance_state{dev=\"eth1\",vrid=\"7\",family=\"inet6\",name=\"\",state=\"backup\"} 1\n"));
	EXPECT(strstr(t, "vrrp_instance_effective_priority{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\"} 90\n"));
	EXPECT(strstr(t, "# TYPE vrrp_instance_adverts_sent_total counter\n"));
	EXPECT(strstr(t, "vrrp_instance_adverts_sent_total{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\"} 1234\n"));
	EXPECT(strstr(t, "vrrp_instance_drops_total{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\",reason=\"ttl\"} 5\n"));
	EXPECT(strstr(t, "vrrp_instance_adverts_late_total{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\",range=\"lt_1ms\"} 17\n"));
	EXPECT(strstr(t, "vrrp_instance_advert_lateness_max_seconds{dev=\"eth0\",vrid=\"51\",family=\"inet\",name=\"VI_1\"} 0.002500\n"));
	/* Only where a master is known. */
	EXPECT(strstr(t, "vrrp_instance_master_priority{dev=\"eth0\""));
	EXPECT(!strstr(t, "vrrp_instance_master_priority{dev=\"eth1\""));
	EXPECT(strstr(t, "vrrp_track_up{name=\"web\"} 1\n"));
	EXPECT(strstr(t, "vrrp_track_value{name=\"web\"} -3\n"));
	EXPECT(strstr(t, "vrrp_unmatched_drops_total{reason=\"vrid\"} 9\n"));
	/* Every family once, every line a comment or a sample. */
	EXPECT(strstr(t, "# TYPE vrrp_instance_state gauge\n") ==
	       strstr(t, "# TYPE vrrp_instance_state "));
	for (const char *l = t; *l; l = strchr(l, '\n') + 1)
		EXPECT(*l == '#' || !strncmp(l, "vrrp_", 5));
	prom_free(&d);
}

static void label_escapes(void)
{
	struct prom_data d = { 0 };
	struct health h = { .name = "a\"b\\c" };

	EXPECT(!prom_add_object(&d, &h));
	EXPECT(strstr(written(&d), "vrrp_track_up{name=\"a\\\"b\\\\c\"} 0\n"));
	/* Without instances, the families are still declared, empty. */
	EXPECT(strstr(text, "# TYPE vrrp_instance_state gauge\n"));
	prom_free(&d);
	free(text);
	text = NULL;
}

const struct test prom_tests[] = {
	{ "prometheus: families, labels and values", families_and_samples },
	{ "prometheus: label values escaped", label_escapes },
	{ NULL, NULL },
};
