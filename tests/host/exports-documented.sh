#!/bin/bash
# Every exported symbol has kernel-doc that says its calling context ("Context:") and,
# unless it returns void, what it returns ("Return:"); and a KUnit suite calls it.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 - kmod/*.c <<'PY' || fail "undocumented or untested exports above"
import glob, re, sys
bad = 0
tests = "".join(open(f).read() for f in glob.glob("tests/kunit/*.c"))
count = 0
for path in sys.argv[1:]:
    src = open(path).read()
    for m in re.finditer(r"EXPORT_SYMBOL(?:_GPL)?\((\w+)\);", src):
        name = m.group(1)
        count += 1
        head = src[:m.start()]
        doc = re.search(r"/\*\*\n \* " + name + r"\(\) - .*?\*/\n([^{;]*?)\b" + name + r"\(",
                        head, re.S)
        if not doc:
            print(f"{path}: {name}: no kernel-doc comment")
            bad += 1
            continue
        text, ret = doc.group(0), doc.group(1)
        if "Context:" not in text:
            print(f"{path}: {name}: kernel-doc lacks Context:")
            bad += 1
        if not re.search(r"\bvoid\s*$", ret.strip() + " ") and not ret.strip().startswith("void ") \
                and "Return:" not in text:
            print(f"{path}: {name}: kernel-doc lacks Return:")
            bad += 1
        if not re.search(r"\b" + name + r"\b", tests):
            print(f"{path}: {name}: no KUnit test calls it")
            bad += 1
print(f"{count} exported symbols checked")
sys.exit(1 if bad else 0)
PY
