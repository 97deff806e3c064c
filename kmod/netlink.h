/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPOOL_NETLINK_H
#define _MPOOL_NETLINK_H

int mpool_netlink_init(void);
void mpool_netlink_exit(void);

#endif /* _MPOOL_NETLINK_H */
