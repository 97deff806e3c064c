#!/bin/bash
# include/uapi/linux/mpool.h agrees with the YNL spec include/uapi/mpool.yaml: every
# attribute and command the spec defines has the C name YNL derives and the same value.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 - include/uapi/mpool.yaml >"$TMP/expect.c" <<'PY'
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
fam = spec["name"].upper().replace("-", "_")
c = lambda s: s.upper().replace("-", "_")
print('#include <linux/mpool.h>')
print('_Static_assert(sizeof(MPOOL_FAMILY_NAME) == %d, "family name");' % (len(spec["name"]) + 1))
checks = []
for aset in spec["attribute-sets"]:
    val = 1
    for attr in aset["attributes"]:
        val = attr.get("value", val)
        checks.append(("%s_A_%s_%s" % (fam, c(aset["name"]), c(attr["name"])), val))
        val += 1
    checks.append(("%s_A_%s_MAX" % (fam, c(aset["name"])), val - 1))
val = 1
for op in spec["operations"]["list"]:
    val = op.get("value", val)
    checks.append(("%s_CMD_%s" % (fam, c(op["name"])), val))
    val += 1
checks.append(("%s_CMD_MAX" % fam, val - 1))
for name, v in checks:
    print('_Static_assert(%s == %d, "%s");' % (name, v, name))
print('int main(void) { return 0; }')
PY
gcc -Wall -Werror -Iinclude/uapi -o "$TMP/expect" "$TMP/expect.c" || fail "header disagrees with spec"
grep -c _Static_assert "$TMP/expect.c" | sed 's/$/ names and values checked/'
