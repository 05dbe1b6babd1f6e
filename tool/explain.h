/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The error line for a request the kernel refused. The kernel's policy
 * checks answer with generic text ("integer out of range") and point at
 * the attribute instead; this names that attribute by its vrrpadm keyword
 * and says what it allows:
 *
 *   priority: must be 1-255 (integer out of range)
 *   interval: must be from 10ms to 40950ms (integer out of range)
 *   vip: prefix length must be 1-32 (integer out of range)
 *   vrid: missing
 *
 * Text the kernel already starts with a keyword ("interval: must be a
 * multiple of 10ms") is printed as it is.
 */
#ifndef VRRPADM_EXPLAIN_H
#define VRRPADM_EXPLAIN_H

#include <stddef.h>

#include "ack.h"

/*
 * Writes the line, without "Error: ", to buf. req is the VRRP request as
 * sent, whose attributes the ack's offsets point into; NULL for another
 * family's request: then only the kernel's text (or errno) is used.
 */
void explain_ack(const struct ack *ack, const struct nlmsghdr *req, char *buf,
		 size_t len);

#endif
