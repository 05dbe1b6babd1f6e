/* SPDX-License-Identifier: GPL-2.0 */
/* Names the tool prints for the kernel's numbers, in one place. */
#ifndef VRRPADM_OUTPUT_H
#define VRRPADM_OUTPUT_H

/* "unknown" for a value newer than this tool. */
const char *state_name(unsigned int state);
const char *reason_name(unsigned int reason);
/* NULL for ids that are no counter (UNSPEC, PAD) or unknown to the tool. */
const char *stat_name(unsigned int id);

#endif
