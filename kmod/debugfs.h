/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPOOL_DEBUGFS_H
#define _MPOOL_DEBUGFS_H

struct mpool;

int mpool_debugfs_init(void);
void mpool_debugfs_exit(void);
void mpool_debugfs_pool_add(struct mpool *pool);
void mpool_debugfs_pool_remove(struct mpool *pool);

#endif /* _MPOOL_DEBUGFS_H */
