/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MPOOL_VERSION_H
#define _MPOOL_VERSION_H

/* Also dkms.conf's PACKAGE_VERSION; tests/host/version-consistent keeps them equal. */
#define MPOOL_VERSION "0.1.0"

#endif /* _MPOOL_VERSION_H */
