// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_harness: proves the VM harness reports failure. Loading mpool_kunit.ko with
 * fail_on_purpose=1 (make check does it through MPOOL_KUNIT_ARGS, see
 * tests/host/harness-catches-failure) makes the one case below fail; the harness must
 * then print the failing case and exit non-zero.
 */

#include <kunit/test.h>
#include <linux/module.h>

static bool fail_on_purpose;
module_param(fail_on_purpose, bool, 0444);
MODULE_PARM_DESC(fail_on_purpose, "Fail mpool_harness.failure_switch_off on purpose");

static void failure_switch_off(struct kunit *test)
{
	KUNIT_EXPECT_FALSE_MSG(test, fail_on_purpose,
			       "failing on purpose: mpool_kunit.fail_on_purpose=1");
}

static struct kunit_case mpool_harness_cases[] = {
	KUNIT_CASE(failure_switch_off),
	{}
};

static struct kunit_suite mpool_harness_suite = {
	.name = "mpool_harness",
	.test_cases = mpool_harness_cases,
};

kunit_test_suites(&mpool_harness_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for mpool");
