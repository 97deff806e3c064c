/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * mpool generic netlink interface, shared by mpool.ko and mempoolctl.
 *
 * This header follows include/uapi/mpool.yaml (the YNL spec, the source of truth);
 * tests/host/uapi-matches-spec checks every name and number against it.
 *
 * Family "mpool", version MPOOL_FAMILY_VERSION. Reads are open to every user; every
 * command that changes state needs CAP_NET_ADMIN.
 *
 * MPOOL_CMD_VERSION_GET
 *	Request: no attributes.
 *	Reply:
 *	  MPOOL_A_VERSION_MODULE	NLA_NUL_STRING	MODULE_VERSION of mpool.ko
 */
#ifndef _UAPI_LINUX_MPOOL_H
#define _UAPI_LINUX_MPOOL_H

#define MPOOL_FAMILY_NAME	"mpool"
#define MPOOL_FAMILY_VERSION	1

enum {
	MPOOL_A_VERSION_MODULE = 1,

	__MPOOL_A_VERSION_MAX,
	MPOOL_A_VERSION_MAX = (__MPOOL_A_VERSION_MAX - 1)
};

enum {
	MPOOL_CMD_VERSION_GET = 1,

	__MPOOL_CMD_MAX,
	MPOOL_CMD_MAX = (__MPOOL_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_MPOOL_H */
