#!/bin/bash
# mempoolctl's sources (tool/*.c and its test programs) are clean under cppcheck
# (warning, style, portability, performance) and clang-tidy (bugprone-*, the clang
# static analyzer, cert-err34-c).
. "$(dirname "$0")/lib.sh"
command -v cppcheck >/dev/null || fail "cppcheck not installed"
command -v clang-tidy >/dev/null || fail "clang-tidy not installed"
files=$(ls tool/*.c tool/tests/*.c)
defs=(-DMEMPOOLCTL_VERSION='"0"')
libnl=$(pkg-config --cflags-only-I libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)

# variableScope: declarations at the top of a block are the kernel style we follow.
cppcheck --error-exitcode=1 --enable=warning,style,portability,performance --std=c11 \
	--suppress=variableScope --suppress=missingIncludeSystem --inline-suppr -q \
	-I include/uapi -I tool "${defs[@]}" $files >"$TMP/cppcheck" 2>&1 ||
	{ cat "$TMP/cppcheck"; fail "cppcheck findings above"; }

# Left out: swappable parameters and reserved identifiers (style); the C11 Annex K
# "insecure API" advice (memcpy_s does not exist in glibc); valist.Uninitialized,
# which clang 14 reports on every va_start()/v*printf() pair.
checks='-*,bugprone-*,clang-analyzer-*,cert-err34-c,-bugprone-easily-swappable-parameters'
checks+=',-bugprone-reserved-identifier,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling'
checks+=',-clang-analyzer-valist.Uninitialized'
clang-tidy -checks="$checks" --warnings-as-errors='*' --quiet $files -- \
	-std=gnu11 -I include/uapi $libnl "${defs[@]}" >"$TMP/tidy" 2>&1 ||
	{ grep -E 'warning:|error:' "$TMP/tidy" || cat "$TMP/tidy"; fail "clang-tidy findings above"; }
echo "$(echo "$files" | wc -w) files clean"
