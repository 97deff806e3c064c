#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate include/uapi/linux/mpool.h from the YNL spec include/uapi/mpool.yaml.

The enums and defines come from the kernel's own generator (tools/net/ynl/ynl-gen-c.py
of Debian's linux-source-6.12); this script adds, at the top, a comment that documents
every command and attribute tree from the spec's doc strings (WireGuard style), so the
header reads on its own and can never drift from the spec.

  scripts/gen-uapi.py           rewrite the header
  scripts/gen-uapi.py --check   exit 1 if the committed header differs
"""
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap

import yaml

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(TOP, "include/uapi/mpool.yaml")
HEADER = os.path.join(TOP, "include/uapi/linux/mpool.h")


def linux_source():
    return subprocess.run(["bash", "-c", f". {TOP}/tests/vm/lib.sh && linux_source_tree"],
                          check=True, capture_output=True, text=True).stdout.strip()


def c_name(*parts):
    return "_".join(p.upper().replace("-", "_") for p in parts)


def wrap(text, indent):
    out = []
    for para in " ".join(text.split()).split("\n"):
        out += textwrap.wrap(para, width=88 - len(indent) - 3) or [""]
    return [indent + line for line in out]


def attr_tree(spec, sets, set_name, names, indent, seen):
    """Lines describing attributes @names of @set_name, nests expanded once."""
    lines = []
    for name in names:
        attr = sets[set_name][name]
        kind = attr["type"]
        if kind == "pad":
            continue
        label = c_name(spec["name"], "a", set_name, name)
        if attr.get("multi-attr"):
            kind += ", repeated"
        if attr.get("sub-type"):
            kind += " of " + attr["sub-type"]
        lines.append(f"{indent}{label} ({kind})")
        lines += wrap(attr.get("doc", ""), indent + "    ")
        nested = attr.get("nested-attributes")
        if nested and nested not in seen:
            sub = [a["name"] for a in spec_set(spec, nested)["attributes"]]
            lines += attr_tree(spec, sets, nested, sub, indent + "  ", seen | {nested})
    return lines


def spec_set(spec, name):
    return next(s for s in spec["attribute-sets"] if s["name"] == name)


def doc_block(spec):
    sets = {s["name"]: {a["name"]: a for a in s["attributes"]} for s in spec["attribute-sets"]}
    lines = []
    lines += wrap(spec["doc"], "")
    lines.append("")
    lines.append(f'Family "{spec["name"]}", multicast group(s): ' +
                 ", ".join(g["name"] for g in spec["mcast-groups"]["list"]) + ".")
    for op in spec["operations"]["list"]:
        lines.append("")
        head = c_name(spec["name"], "cmd", op["name"])
        flags = op.get("flags", [])
        lines.append(head + (" (needs CAP_NET_ADMIN)" if "admin-perm" in flags else ""))
        lines += wrap(op["doc"], "  ")
        aset = op.get("attribute-set")
        if "notify" in op:
            lines.append(f"  Carries what {c_name(spec['name'], 'cmd', op['notify'])} replies.")
        if "event" in op:
            lines.append("  Attributes:")
            lines += attr_tree(spec, sets, aset, op["event"]["attributes"], "    ", set())
        shown = {}
        for mode in ("do", "dump"):
            if mode not in op:
                continue
            for part in ("request", "reply"):
                names = op[mode].get(part, {}).get("attributes")
                if not names:
                    continue
                if shown.get(part) == names:
                    lines.append(f"  {mode} {part}: as the do {part}.")
                    continue
                shown[part] = names
                lines.append(f"  {mode} {part}:")
                lines += attr_tree(spec, sets, aset, names, "    ", set())
    body = "\n".join((" * " + l).rstrip() for l in lines)
    return "/*\n" + body + "\n */\n"


def generate():
    spec = yaml.safe_load(open(SPEC))
    src = linux_source()
    ynl = os.path.join(src, "tools/net/ynl/ynl-gen-c.py")
    with tempfile.TemporaryDirectory() as tmp:
        # ynl-gen-c looks for the schema two directories above the spec and names
        # the spec by its path below the nearest directory holding a MAINTAINERS
        # file (searching forever if there is none): mirror our layout around both.
        os.makedirs(os.path.join(tmp, "include/uapi"))
        open(os.path.join(tmp, "MAINTAINERS"), "w").close()
        shutil.copy(SPEC, os.path.join(tmp, "include/uapi/mpool.yaml"))
        shutil.copy(os.path.join(src, "Documentation/netlink/genetlink.yaml"),
                    os.path.join(tmp, "include/genetlink.yaml"))
        out = os.path.join(tmp, "mpool.h")
        subprocess.run([sys.executable, ynl, "--mode", "uapi", "--header",
                        "--spec", os.path.join(tmp, "include/uapi/mpool.yaml"), "-o", out],
                       check=True, cwd=tmp, timeout=120)
        generated = open(out).read()
    head, sep, rest = generated.partition("\n\n")
    return head + sep + doc_block(spec) + "\n" + rest


def main():
    text = generate()
    if "--check" in sys.argv:
        if open(HEADER).read() != text:
            sys.stderr.write(f"{HEADER} differs from what {SPEC} generates; "
                             "run scripts/gen-uapi.py\n")
            sys.exit(1)
        return
    with open(HEADER, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
