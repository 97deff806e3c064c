// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_module: what loading mpool.ko must give every user: the debugfs directory and a
 * generic netlink family that answers, with strict validation, through the real
 * genetlink path.
 */

#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/dcache.h>
#include <net/genetlink.h>
#include <uapi/linux/mpool.h>

#include "nl_client.h"
#include "version.h"

static void debugfs_root_exists(struct kunit *test)
{
	struct dentry *root = debugfs_lookup("mpool", NULL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, root);
	KUNIT_EXPECT_TRUE(test, d_is_dir(root));
	dput(root);
}

/* The family resolves by name and gets a dynamic id (never the controller's). */
static void genl_family_registered(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	int id = mpool_test_nl_resolve(nl, MPOOL_FAMILY_NAME);

	KUNIT_EXPECT_GT_MSG(test, id, GENL_ID_CTRL, "resolve \"%s\": %d",
			    MPOOL_FAMILY_NAME, id);
}

static int mpool_family(struct kunit *test, struct mpool_test_nl *nl)
{
	int id = mpool_test_nl_resolve(nl, MPOOL_FAMILY_NAME);

	KUNIT_ASSERT_GT(test, id, 0);
	return id;
}

static void version_get_replies_module_version(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_VERSION_MAX + 1];
	struct sk_buff *req;
	u8 cmd = 0;
	int ret;

	req = mpool_test_nl_request(nl, mpool_family(test, nl), MPOOL_CMD_VERSION_GET);
	KUNIT_ASSERT_NOT_NULL(test, req);
	ret = mpool_test_nl_transact(nl, req, tb, MPOOL_A_VERSION_MAX, &cmd);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, cmd, MPOOL_CMD_VERSION_GET);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_VERSION_MODULE]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[MPOOL_A_VERSION_MODULE]),
			   MPOOL_VERSION);
}

/* Strict validation: an attribute the command does not define is refused. */
static void version_get_rejects_unknown_attribute(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_VERSION_MAX + 1];
	struct sk_buff *req;

	req = mpool_test_nl_request(nl, mpool_family(test, nl), MPOOL_CMD_VERSION_GET);
	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_VERSION_MAX + 1, 1), 0);
	KUNIT_EXPECT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_VERSION_MAX, NULL),
			-EINVAL);
}

static void unknown_command_rejected(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_VERSION_MAX + 1];
	struct sk_buff *req;

	req = mpool_test_nl_request(nl, mpool_family(test, nl), MPOOL_CMD_MAX + 1);
	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_EXPECT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_VERSION_MAX, NULL),
			-EOPNOTSUPP);
}

static struct kunit_case mpool_module_cases[] = {
	KUNIT_CASE(debugfs_root_exists),
	KUNIT_CASE(genl_family_registered),
	KUNIT_CASE(version_get_replies_module_version),
	KUNIT_CASE(version_get_rejects_unknown_attribute),
	KUNIT_CASE(unknown_command_rejected),
	{}
};

static struct kunit_suite mpool_module_suite = {
	.name = "mpool_module",
	.test_cases = mpool_module_cases,
};

kunit_test_suites(&mpool_module_suite);
