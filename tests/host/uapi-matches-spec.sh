#!/bin/bash
# include/uapi/linux/mpool.h is exactly what the YNL spec generates (the kernel's
# ynl-gen-c.py plus our documentation block), and it compiles on its own in userspace
# with its flag constants usable in constant expressions.
. "$(dirname "$0")/lib.sh"
scripts/gen-uapi.py --check || fail "run scripts/gen-uapi.py and commit the header"
cat >"$TMP/flags.c" <<'C'
#define BIT(n) (1UL << (n))
#include <linux/mpool.h>
enum { MPOOL_F_ZERO_ON_FREE = MPOOL_POOL_FLAGS_ZERO_ON_FREE };
int main(void) { return 0; }
C
gcc -Wall -Werror -Iinclude/uapi -fsyntax-only "$TMP/flags.c" || fail "uapi header does not compile"
echo "header matches the spec"
