// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_logserver: a syslog server in the kernel, on mpool or on kmalloc.
 *
 * Lines arrive on UDP port `port` (RFC 3164 or RFC 5424 framing, one or more per
 * datagram) and are parsed and stored in softirq context (rx.c); each sender has its
 * state in the sender pool; each line is an entry of the entry pool with its text in
 * the text buffer pool; lines older than the newest hot_lines move to the archive, a
 * managed pool; lines beyond the newest `retention` are dropped, oldest first, and
 * counted (store.c). The stored log is read back from debugfs (readback.c).
 *
 * allocator=kmalloc runs the very same server on kmalloc/kfree and kvmalloc/kvfree,
 * so that `make demo` can set the two side by side. Pool sizes default to those of
 * mpool's founding design: 10,000 entries warmed of at most 100,000, 1,000 senders
 * warmed of at most 10,000.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include "logserver.h"

static char *allocator = "mpool";
module_param(allocator, charp, 0444);
MODULE_PARM_DESC(allocator, "mpool (default) or kmalloc");

static ushort port = 514;
module_param(port, ushort, 0444);
MODULE_PARM_DESC(port, "UDP port to receive on, every IPv4 address (default 514)");

static uint entries_warm = 10000;
module_param(entries_warm, uint, 0444);
MODULE_PARM_DESC(entries_warm, "Entries (and texts) warmed at load (default 10000)");

static uint entries_max = 100000;
module_param(entries_max, uint, 0444);
MODULE_PARM_DESC(entries_max, "Most entries at once; lines beyond are dropped, counted (default 100000)");

static uint conns_warm = 1000;
module_param(conns_warm, uint, 0444);
MODULE_PARM_DESC(conns_warm, "Senders warmed at load (default 1000)");

static uint conns_max = 10000;
module_param(conns_max, uint, 0444);
MODULE_PARM_DESC(conns_max, "Most senders at once; lines of more are dropped, counted (default 10000)");

static uint hot_lines = 10000;
module_param(hot_lines, uint, 0444);
MODULE_PARM_DESC(hot_lines, "Newest lines kept as entries; older ones are archived (default 10000)");

static uint retention = 100000;
module_param(retention, uint, 0444);
MODULE_PARM_DESC(retention, "Lines kept; older ones are dropped, counted (default 100000)");

static uint max_line = 8192;
module_param(max_line, uint, 0444);
MODULE_PARM_DESC(max_line, "Longest line stored, bytes; longer ones are counted (default 8192)");

static uint sender_idle_ms = 60000;
module_param(sender_idle_ms, uint, 0444);
MODULE_PARM_DESC(sender_idle_ms, "Senders silent this long are closed; 0: never (default 60000)");

static struct logsrv_store logsrv_store;

#define LOGSRV_MIN_LINE		64
#define LOGSRV_MAX_LINE		(MPOOL_M_MAX_SIZE - sizeof(struct logsrv_record))

static int check_params(enum logsrv_allocator *which)
{
	if (!strcmp(allocator, "mpool")) {
		*which = LOGSRV_ALLOC_MPOOL;
	} else if (!strcmp(allocator, "kmalloc")) {
		*which = LOGSRV_ALLOC_KMALLOC;
	} else {
		pr_err("allocator=%s: want mpool or kmalloc\n", allocator);
		return -EINVAL;
	}
	if (!port) {
		pr_err("port=0: want a port\n");
		return -EINVAL;
	}
	if (entries_warm > entries_max || conns_warm > conns_max || !entries_max || !conns_max) {
		pr_err("entries_warm=%u entries_max=%u conns_warm=%u conns_max=%u: each warm must be at most its max, each max at least 1\n",
		       entries_warm, entries_max, conns_warm, conns_max);
		return -EINVAL;
	}
	if (!hot_lines || hot_lines > retention ||
	    retention - hot_lines > MPOOL_M_MAX_HANDLES - LOGSRV_ARCHIVE_SLACK) {
		pr_err("hot_lines=%u retention=%u: want 1 <= hot_lines <= retention <= hot_lines + %lu\n",
		       hot_lines, retention, MPOOL_M_MAX_HANDLES - LOGSRV_ARCHIVE_SLACK);
		return -EINVAL;
	}
	if (max_line < LOGSRV_MIN_LINE || max_line > LOGSRV_MAX_LINE) {
		pr_err("max_line=%u: want %u to %zu\n", max_line, LOGSRV_MIN_LINE,
		       LOGSRV_MAX_LINE);
		return -EINVAL;
	}
	return 0;
}

static int __init logsrv_init(void)
{
	struct logsrv_mem_config mem = {
		.entries_warm = entries_warm, .entries_max = entries_max,
		.conns_warm = conns_warm, .conns_max = conns_max,
		.max_line = max_line,
		.archive_max = retention - hot_lines + LOGSRV_ARCHIVE_SLACK,
		.archive_warm = retention - hot_lines,
	};
	int ret;

	ret = check_params(&mem.allocator);
	if (ret)
		return ret;
	ret = logsrv_mem_init(&mem);
	if (ret)
		return ret;
	ret = logsrv_store_init(&logsrv_store, &(struct logsrv_store_config){
		.retention = retention, .hot_lines = hot_lines,
		.sender_idle_ms = sender_idle_ms,
	});
	if (ret)
		goto err_mem;
	ret = logsrv_rx_start(&(struct logsrv_rx_config){
		.port = port, .max_line = max_line, .store = &logsrv_store,
	});
	if (ret)
		goto err_store;
	/* Last, so that the files never show a server without its socket. */
	ret = logsrv_readback_init(&logsrv_store);
	if (ret)
		goto err_rx;
	pr_info("receiving on UDP port %u, allocator %s, retention %u lines\n", port,
		logsrv_mem_name(), retention);
	return 0;

err_rx:
	logsrv_rx_stop();
err_store:
	logsrv_store_exit(&logsrv_store);
err_mem:
	logsrv_mem_exit();
	return ret;
}

static void __exit logsrv_exit(void)
{
	logsrv_readback_exit();
	logsrv_rx_stop();
	logsrv_store_exit(&logsrv_store);
	logsrv_mem_exit();
}

module_init(logsrv_init);
module_exit(logsrv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Syslog server on mpool (or kmalloc), the consumer of make demo");
