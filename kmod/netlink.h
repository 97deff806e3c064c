/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPOOL_NETLINK_H
#define _MPOOL_NETLINK_H

#include <linux/types.h>

struct mpool;

int mpool_netlink_init(void);
void mpool_netlink_exit(void);

void mpool_nl_pool_init(struct mpool *pool);
void mpool_nl_pool_exit(struct mpool *pool);
void mpool_nl_notify_pool(struct mpool *pool, u8 cmd);
void mpool_nl_notify_removed(struct mpool *pool);
void mpool_nl_limit_hit(struct mpool *pool);

#endif /* _MPOOL_NETLINK_H */
