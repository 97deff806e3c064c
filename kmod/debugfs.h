/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPOOL_DEBUGFS_H
#define _MPOOL_DEBUGFS_H

int mpool_debugfs_init(void);
void mpool_debugfs_exit(void);

#endif /* _MPOOL_DEBUGFS_H */
