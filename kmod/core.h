/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The protocol core (packet.c, fsm.c) builds both into the module and into
 * userspace unit tests and fuzzers. This shim is all it sees of either world:
 * fixed-width types, bool, memcpy/memcmp and size_t.
 */
#ifndef _VRRP_CORE_H
#define _VRRP_CORE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
#endif

#endif /* _VRRP_CORE_H */
