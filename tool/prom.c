// SPDX-License-Identifier: GPL-2.0
/*
 * Metric families, each with its HELP and TYPE, then one sample per
 * instance (labels dev, vrid, family, name) or per health object (name).
 * Counters end in _total; the state is a set of 0/1 gauges, one per state
 * (the usual shape of an enum), so that a query needs no magic numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "parse.h"
#include "prom.h"

int prom_add_instance(struct prom_data *d, const struct instance *in)
{
	struct prom_instance *p;

	p = grow_array(d->inst, &d->cap, d->ninst, sizeof(*p));
	if (!p)
		return -1;
	d->inst = p;
	p = &d->inst[d->ninst++];
	memset(p, 0, sizeof(*p));
	snprintf(p->dev, sizeof(p->dev), "%s", in->ifname);
	snprintf(p->family, sizeof(p->family), "%s", in->family);
	snprintf(p->name, sizeof(p->name), "%s", in->name ? in->name : "");
	p->vrid = in->vrid;
	p->state = in->state;
	p->priority = in->priority;
	p->effective = in->effective ? nla_get_u8(in->effective) :
				       in->priority;
	p->has_master_priority = in->master_priority;
	if (in->master_priority)
		p->master_priority = nla_get_u8(in->master_priority);
	memcpy(p->stats, in->stats, sizeof(p->stats));
	return 0;
}

int prom_add_object(struct prom_data *d, const struct health *h)
{
	struct health *o;

	o = grow_array(d->obj, &d->objcap, d->nobj, sizeof(*o));
	if (!o)
		return -1;
	d->obj = o;
	d->obj[d->nobj++] = *h;
	return 0;
}

void prom_free(struct prom_data *d)
{
	free(d->inst);
	free(d->obj);
	memset(d, 0, sizeof(*d));
}

/* A label value: \, " and newline escaped, as the format asks. */
static void label_value(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void family_head(FILE *f, const char *metric, const char *type,
			const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", metric, help, metric, type);
}

/* metric{dev="eth0",vrid="51",family="inet",name=""[,extra="v"]} */
static void instance_sample(FILE *f, const char *metric,
			    const struct prom_instance *p, const char *extra,
			    const char *extra_value)
{
	fprintf(f, "%s{dev=", metric);
	label_value(f, p->dev);
	fprintf(f, ",vrid=\"%u\",family=", p->vrid);
	label_value(f, p->family);
	fputs(",name=", f);
	label_value(f, p->name);
	if (extra) {
		fprintf(f, ",%s=", extra);
		label_value(f, extra_value);
	}
	fputs("} ", f);
}

/* One family whose every instance has the value of one counter. */
struct counter {
	const char *metric;
	unsigned int stat;
	const char *help;
};

static const struct counter counters[] = {
	{ "vrrp_instance_became_master_total", VRRP_STAT_BECAME_ACTIVE,
	  "Times the instance became master." },
	{ "vrrp_instance_adverts_sent_total", VRRP_STAT_ADVERT_TX,
	  "Advertisements sent (priority 0 ones apart)." },
	{ "vrrp_instance_adverts_received_total", VRRP_STAT_ADVERT_RX,
	  "Valid advertisements received (priority 0 ones apart)." },
	{ "vrrp_instance_priority_zero_sent_total", VRRP_STAT_PRIO0_TX,
	  "Priority 0 advertisements sent (handing over at once)." },
	{ "vrrp_instance_priority_zero_received_total", VRRP_STAT_PRIO0_RX,
	  "Priority 0 advertisements received." },
	{ "vrrp_instance_gratuitous_arps_sent_total", VRRP_STAT_GARP_TX,
	  "Gratuitous ARPs and unsolicited neighbour advertisements sent." },
	{ "vrrp_instance_vips_restored_total", VRRP_STAT_VIP_RESTORED,
	  "Virtual addresses removed by hand and put back by the master." },
	{ "vrrp_instance_adverts_missed_total", VRRP_STAT_ADVERT_MISSED,
	  "Advertisement times skipped because the timer came too late." },
	{ "vrrp_instance_timer_deferred_total", VRRP_STAT_TIMER_DEFERRED,
	  "Timer expiries handed to the kernel thread for want of CPU budget." },
	{ "vrrp_instance_interval_mismatch_total", VRRP_STAT_INTERVAL_MISMATCH,
	  "Advertisements with another interval than ours (processed)." },
	{ "vrrp_instance_addr_list_mismatch_total",
	  VRRP_STAT_ADDR_LIST_MISMATCH,
	  "Advertisements with other addresses than ours (processed)." },
};

/* Drop counters, by the reason label they get. */
static const struct {
	const char *reason;
	unsigned int stat;
} drops[] = {
	{ "ttl", VRRP_STAT_DROP_TTL },
	{ "version", VRRP_STAT_DROP_VERSION },
	{ "type", VRRP_STAT_DROP_TYPE },
	{ "length", VRRP_STAT_DROP_LENGTH },
	{ "checksum", VRRP_STAT_DROP_CHECKSUM },
	{ "checksum_form", VRRP_STAT_DROP_CHECKSUM_FORM },
	{ "addr_list", VRRP_STAT_DROP_ADDR_LIST },
	{ "interval", VRRP_STAT_DROP_INTERVAL },
	{ "not_link_local", VRRP_STAT_DROP_NOT_LINK_LOCAL },
	{ "dest", VRRP_STAT_DROP_DEST },
	{ "auth", VRRP_STAT_DROP_AUTH },
	{ "owner", VRRP_STAT_DROP_OWNER },
	{ "peer", VRRP_STAT_DROP_PEER },
};

/* How late timed adverts left, by range: the kernel's buckets. */
static const struct {
	const char *range;
	unsigned int stat;
} lateness[] = {
	{ "lt_100us", VRRP_STAT_ADVERT_LATE_100US },
	{ "lt_1ms", VRRP_STAT_ADVERT_LATE_1MS },
	{ "lt_10ms", VRRP_STAT_ADVERT_LATE_10MS },
	{ "lt_100ms", VRRP_STAT_ADVERT_LATE_100MS },
	{ "ge_100ms", VRRP_STAT_ADVERT_LATE_MORE },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void write_states(FILE *f, const struct prom_data *d)
{
	static const unsigned int states[] = {
		VRRP_STATE_INIT, VRRP_STATE_BACKUP, VRRP_STATE_ACTIVE,
		VRRP_STATE_FAULT,
	};

	family_head(f, "vrrp_instance_state", "gauge",
		    "1 for the state the instance is in (init, backup, master, fault), 0 for the others.");
	for (size_t i = 0; i < d->ninst; i++)
		for (size_t k = 0; k < N(states); k++) {
			instance_sample(f, "vrrp_instance_state", &d->inst[i],
					"state", state_name(states[k]));
			fprintf(f, "%d\n", d->inst[i].state == states[k]);
		}
}

static void write_priorities(FILE *f, const struct prom_data *d)
{
	family_head(f, "vrrp_instance_priority", "gauge",
		    "The configured priority.");
	for (size_t i = 0; i < d->ninst; i++) {
		instance_sample(f, "vrrp_instance_priority", &d->inst[i],
				NULL, NULL);
		fprintf(f, "%u\n", d->inst[i].priority);
	}
	family_head(f, "vrrp_instance_effective_priority", "gauge",
		    "The priority adverts carry, tracking applied.");
	for (size_t i = 0; i < d->ninst; i++) {
		instance_sample(f, "vrrp_instance_effective_priority",
				&d->inst[i], NULL, NULL);
		fprintf(f, "%u\n", d->inst[i].effective);
	}
	family_head(f, "vrrp_instance_master_priority", "gauge",
		    "The priority the master advertises (absent while none is known).");
	for (size_t i = 0; i < d->ninst; i++) {
		if (!d->inst[i].has_master_priority)
			continue;
		instance_sample(f, "vrrp_instance_master_priority",
				&d->inst[i], NULL, NULL);
		fprintf(f, "%u\n", d->inst[i].master_priority);
	}
}

static void write_counters(FILE *f, const struct prom_data *d)
{
	for (size_t c = 0; c < N(counters); c++) {
		family_head(f, counters[c].metric, "counter", counters[c].help);
		for (size_t i = 0; i < d->ninst; i++) {
			instance_sample(f, counters[c].metric, &d->inst[i],
					NULL, NULL);
			fprintf(f, "%llu\n", (unsigned long long)
				d->inst[i].stats[counters[c].stat]);
		}
	}
	family_head(f, "vrrp_instance_drops_total", "counter",
		    "Received advertisements dropped, by reason.");
	for (size_t i = 0; i < d->ninst; i++)
		for (size_t k = 0; k < N(drops); k++) {
			instance_sample(f, "vrrp_instance_drops_total",
					&d->inst[i], "reason", drops[k].reason);
			fprintf(f, "%llu\n", (unsigned long long)
				d->inst[i].stats[drops[k].stat]);
		}
}

static void write_lateness(FILE *f, const struct prom_data *d)
{
	family_head(f, "vrrp_instance_adverts_late_total", "counter",
		    "Timed advertisements by how late they left (range).");
	for (size_t i = 0; i < d->ninst; i++)
		for (size_t k = 0; k < N(lateness); k++) {
			instance_sample(f, "vrrp_instance_adverts_late_total",
					&d->inst[i], "range",
					lateness[k].range);
			fprintf(f, "%llu\n", (unsigned long long)
				d->inst[i].stats[lateness[k].stat]);
		}
	family_head(f, "vrrp_instance_advert_lateness_max_seconds", "gauge",
		    "The latest a timed advertisement has left.");
	for (size_t i = 0; i < d->ninst; i++) {
		instance_sample(f, "vrrp_instance_advert_lateness_max_seconds",
				&d->inst[i], NULL, NULL);
		fprintf(f, "%.6f\n",
			(double)d->inst[i].stats[VRRP_STAT_ADVERT_LATE_MAX_US] /
			1e6);
	}
}

static void write_objects(FILE *f, const struct prom_data *d)
{
	family_head(f, "vrrp_track_up", "gauge",
		    "1 while the health object is up.");
	for (size_t i = 0; i < d->nobj; i++) {
		fputs("vrrp_track_up{name=", f);
		label_value(f, d->obj[i].name);
		fprintf(f, "} %d\n", d->obj[i].up);
	}
	family_head(f, "vrrp_track_value", "gauge",
		    "The health object's value (keepalived's track_file), if it has one.");
	for (size_t i = 0; i < d->nobj; i++) {
		if (!d->obj[i].has_value)
			continue;
		fputs("vrrp_track_value{name=", f);
		label_value(f, d->obj[i].name);
		fprintf(f, "} %d\n", d->obj[i].value);
	}
}

static void write_unmatched(FILE *f, const struct prom_data *d)
{
	if (!d->has_unmatched)
		return;
	family_head(f, "vrrp_unmatched_drops_total", "counter",
		    "VRRP packets no instance matched, by reason (left to the rest of the stack).");
	fprintf(f, "vrrp_unmatched_drops_total{reason=\"vrid\"} %llu\n",
		(unsigned long long)d->unmatched[VRRP_STAT_DROP_VRID]);
	fprintf(f, "vrrp_unmatched_drops_total{reason=\"length\"} %llu\n",
		(unsigned long long)d->unmatched[VRRP_STAT_DROP_LENGTH]);
}

void prom_write(FILE *f, const struct prom_data *d)
{
	write_states(f, d);
	write_priorities(f, d);
	write_counters(f, d);
	write_lateness(f, d);
	write_objects(f, d);
	write_unmatched(f, d);
}
