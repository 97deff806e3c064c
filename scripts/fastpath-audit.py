#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Audit the hit paths of mpool's fast path in a built mpool.ko (x86-64).

    scripts/fastpath-audit.py MODULE.ko [FUNCTION ...]

For each function (default: mpool_alloc and mpool_free) this walks the machine code
from its entry, following every branch inside the function (and its .cold part),
and stops where a call enters a slow path: what it visits is everything the hit path
can execute. It then requires of that code:

  - no lock-prefixed instruction, and no xchg with memory (implicitly locked);
  - no pushf/popf/cli/sti (interrupt masking);
  - no call except: the optional hooks, the preemption point of preempt_enable()
    (taken only when a reschedule is pending), the ftrace site (__fentry__, a NOP
    until tracing is switched on) and the slow paths, where the walk stops.

It prints what it found, the calls by kind, and exits 1 naming every violation.
"""
import re
import subprocess
import sys

DEFAULT_FUNCTIONS = ["mpool_alloc", "mpool_free"]
# Where the hit path ends: misses, the bypass for interrupted holders, refills.
SLOW_PATHS = {"alloc_miss", "alloc_bypass", "free_hooked", "free_nested", "free_unhit"}
# Optional per-pool work, reached only when the pool (or __GFP_ZERO) asks for it.
HOOKS = {"after_get_hooks"}
# preempt_enable()'s call into the scheduler, and the ftrace call site.
PREEMPTION_POINTS = re.compile(r"^(__SCT__preempt_schedule|preempt_schedule|"
                               r"__SCT__preempt_schedule_notrace|preempt_schedule_notrace)")
FTRACE = {"__fentry__"}
RETURN_THUNKS = {"__x86_return_thunk"}

FUNC_RE = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
INSN_RE = re.compile(r"^\s*([0-9a-f]+):\s+(.*)$")
RELOC_RE = re.compile(r"^\s*([0-9a-f]+): (R_X86_64_\w+)\s+(\S+?)(?:[-+]0x[0-9a-f]+)?$")


def base_name(sym):
    """alloc_miss.constprop.0 -> alloc_miss; mpool_alloc.cold -> mpool_alloc."""
    return sym.split(".", 1)[0]


def disassemble(path):
    """{function: [(addr, text, reloc_target or None)]}, in address order per section."""
    out = subprocess.run(["objdump", "-dr", "--no-show-raw-insn", path],
                         check=True, capture_output=True, text=True).stdout
    funcs, cur, section = {}, None, None
    for line in out.splitlines():
        if line.startswith("Disassembly of section"):
            section = line.split()[-1].rstrip(":")
            continue
        m = FUNC_RE.match(line)
        if m:
            cur = "%s %s" % (section, m.group(2))
            funcs[cur] = []
            continue
        if cur is None:
            continue
        m = RELOC_RE.match(line)
        if m and funcs[cur]:
            addr, text, _ = funcs[cur][-1]
            funcs[cur][-1] = (addr, text, m.group(3))
            continue
        m = INSN_RE.match(line)
        if m:
            funcs[cur].append((int(m.group(1), 16), m.group(2).strip(), None))
    return funcs


def parts_of(funcs, name):
    """The function and its split-off parts (name.cold in .text.unlikely), by key."""
    return [k for k in funcs if k.split(" ", 1)[1] in (name, name + ".cold")]


def mnemonic(text):
    words = text.split()
    while words and words[0] in ("notrack", "bnd", "rep", "repz", "repnz", "ds", "cs"):
        words = words[1:]
    return words[0] if words else ""


def audit(funcs, name):
    keys = parts_of(funcs, name)
    if not keys:
        return None, ["no function %s in the module" % name]
    # Instructions addressable by (section, addr); sections differ per part.
    code = {}
    order = {}
    for k in keys:
        section = k.split(" ", 1)[0]
        insns = funcs[k]
        for i, (addr, text, reloc) in enumerate(insns):
            code[(section, addr)] = (text, reloc, k)
            order[(section, addr)] = (k, i)
    entry_key = [k for k in keys if k.split(" ", 1)[1] == name][0]
    start = (entry_key.split(" ", 1)[0], funcs[entry_key][0][0])

    seen, todo, violations = set(), [start], []
    calls = {"hook": set(), "preemption point": set(), "ftrace": set(), "slow path": set()}
    while todo:
        at = todo.pop()
        if at in seen or at not in code:
            continue
        seen.add(at)
        text, reloc, key = code[at]
        op = mnemonic(text)
        section = at[0]
        k, i = order[at]
        nxt = (section, funcs[k][i + 1][0]) if i + 1 < len(funcs[k]) else None
        where = "%s+%#x: %s" % (name, at[1] - start[1], text)

        if text.startswith("lock") or re.match(r"^xchg\s+.*\(", text):
            violations.append("atomic (locked) instruction at " + where)
        if op in ("pushf", "pushfq", "popf", "popfq", "cli", "sti"):
            violations.append("interrupt masking at " + where)

        if op == "call":
            target = base_name(reloc or local_target(text) or "") or None
            if target is None:
                violations.append("indirect or unresolved call at " + where)
            elif target in FTRACE:
                calls["ftrace"].add(target)
            elif PREEMPTION_POINTS.match(target):
                calls["preemption point"].add(target)
            elif target in HOOKS:
                calls["hook"].add(target)
            elif target in SLOW_PATHS:
                calls["slow path"].add(target)
                continue	# the hit path ends here
            elif target == "pv_ops":
                violations.append("paravirt call (interrupt save/restore on this kernel) "
                                  "at " + where)
            else:
                violations.append("call to %s at %s" % (target, where))
            if nxt:
                todo.append(nxt)
            continue
        if op in ("ret", "retq") or op.startswith("ud"):
            continue
        if op == "jmp":
            target = base_name(reloc or outside_target(text, name) or "") or None
            if target in RETURN_THUNKS:
                continue
            if target in SLOW_PATHS:
                calls["slow path"].add(target)
                continue
            if target:
                violations.append("jump to %s at %s" % (target, where))
                continue
            m = re.search(r"\b([0-9a-f]+) <", text)
            if m:
                todo.append(find(code, int(m.group(1), 16), section))
            else:
                violations.append("indirect jump at " + where)
            continue
        if op.startswith("j"):
            m = re.search(r"\b([0-9a-f]+) <", text)
            if m:
                todo.append(find(code, int(m.group(1), 16), section))
        if nxt:
            todo.append(nxt)
    return (len(seen), calls), violations


def local_target(text):
    """The symbol of a direct call or jump within the module: 'call 1130 <name>'."""
    m = re.search(r"\b[0-9a-f]+ <([^>+]+)>", text)
    return m.group(1) if m else None


def outside_target(text, name):
    """A jump's target symbol when it leaves the function (and its .cold part)."""
    sym = local_target(text)
    return sym if sym and base_name(sym) != name else None


def find(code, addr, section):
    """A branch target: in the same section, else the other part's."""
    if (section, addr) in code:
        return (section, addr)
    for (s, a) in code:
        if a == addr:
            return (s, a)
    return (section, addr)


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    funcs = disassemble(sys.argv[1])
    names = sys.argv[2:] or DEFAULT_FUNCTIONS
    failed = False
    for name in names:
        found, violations = audit(funcs, name)
        if found:
            count, calls = found
            desc = "; ".join("%s: %s" % (kind, ", ".join(sorted(v)))
                             for kind, v in calls.items() if v) or "no calls"
            print("%s: %d instructions reachable on the hit path; calls: %s" %
                  (name, count, desc))
        for v in violations:
            print("%s: VIOLATION: %s" % (name, v))
        failed |= bool(violations)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
