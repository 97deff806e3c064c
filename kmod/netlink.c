// SPDX-License-Identifier: GPL-2.0
/*
 * The "mpool" generic netlink family: the machine interface for tools.
 *
 * include/uapi/mpool.yaml is the source of truth for commands and attributes; the
 * policies here enforce its types so handlers never see malformed input. Reads are open
 * to every user, changes carry GENL_ADMIN_PERM.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/linux/mpool.h>

#include "netlink.h"
#include "version.h"

static struct genl_family mpool_genl_family;

static int mpool_nl_version_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(nla_total_size(sizeof(MPOOL_VERSION)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &mpool_genl_family, 0,
				MPOOL_CMD_VERSION_GET);
	if (!hdr)
		goto err_free;
	if (nla_put_string(msg, MPOOL_A_VERSION_MODULE, MPOOL_VERSION))
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* version-get takes no attributes: an empty policy makes strict parsing reject any. */
static const struct nla_policy mpool_nl_version_get_policy[MPOOL_A_VERSION_MAX + 1] = {
};

static const struct genl_ops mpool_genl_ops[] = {
	{
		.cmd	= MPOOL_CMD_VERSION_GET,
		.doit	= mpool_nl_version_get_doit,
		.policy	= mpool_nl_version_get_policy,
		.maxattr = MPOOL_A_VERSION_MAX,
	},
};

static struct genl_family mpool_genl_family __ro_after_init = {
	.name		= MPOOL_FAMILY_NAME,
	.version	= MPOOL_FAMILY_VERSION,
	.module		= THIS_MODULE,
	.ops		= mpool_genl_ops,
	.n_ops		= ARRAY_SIZE(mpool_genl_ops),
	/* Every command of this family is new: all get strict validation. */
	.resv_start_op	= MPOOL_CMD_VERSION_GET + 1,
};

int __init mpool_netlink_init(void)
{
	return genl_register_family(&mpool_genl_family);
}

void mpool_netlink_exit(void)
{
	genl_unregister_family(&mpool_genl_family);
}

MODULE_ALIAS_GENL_FAMILY(MPOOL_FAMILY_NAME);
