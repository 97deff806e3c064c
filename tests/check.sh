#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: every test of the project, ending with one line "N passed, N failed"
# that counts each KUnit case, guest CLI test and host test.
#
#   tests/check.sh            everything
#   tests/check.sh vm         only the VM tiers (debug, stock-6.12, stock-6.1)
#   tests/check.sh host       only the host tests (tests/host/*.sh)
#   tests/check.sh TEST...    some of them: debug, stock-6.1, kdir-selection, ...
#
# Logs go to build/check/.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
logs=$top/build/check
rm -rf "$logs"
mkdir -p "$logs"

vm_tiers=(debug stock-6.12 stock-6.1)
host_tests=()
for t in tests/host/*.sh; do
	case $(basename "$t") in lib*.sh) ;; *) host_tests+=("$(basename "$t" .sh)") ;; esac
done

selected=("$@")
if [ ${#selected[@]} = 0 ]; then
	selected=("${vm_tiers[@]}" "${host_tests[@]}")
elif [ "${selected[0]}" = vm ]; then
	selected=("${vm_tiers[@]}")
elif [ "${selected[0]}" = host ]; then
	selected=("${host_tests[@]}")
fi

passed=0
failed=0
failures=()

stamp() {
	date +%s
}

run_vm() {
	local tier=$1 start summary p f
	start=$(stamp)
	tests/vm/run.sh "$tier" >"$logs/vm-$tier.log" 2>&1
	summary=$(tail -n 1 "$logs/vm-$tier.log")
	p=$(echo "$summary" | sed -n 's/^vm [^:]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$summary" | sed -n 's/^vm [^:]*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		p=0
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" = 0 ]; then
		echo "PASS vm/$tier: $p tests ($(( $(stamp) - start )) s)"
	else
		echo "FAIL vm/$tier: $f of $((p + f)) failed ($(( $(stamp) - start )) s), log: $logs/vm-$tier.log"
		sed 's/^/    /' "$logs/vm-$tier.log" | tail -n 80
		failures+=("vm/$tier")
	fi
}

run_host() {
	local name=$1 start
	start=$(stamp)
	if "tests/host/$name.sh" >"$logs/host-$name.log" 2>&1; then
		passed=$((passed + 1))
		echo "PASS host/$name ($(( $(stamp) - start )) s)"
	else
		failed=$((failed + 1))
		failures+=("host/$name")
		echo "FAIL host/$name ($(( $(stamp) - start )) s), log: $logs/host-$name.log"
		sed 's/^/    /' "$logs/host-$name.log" | tail -n 40
	fi
}

start_all=$(stamp)
make -s -C tool >"$logs/tool-build.log" 2>&1 || { cat "$logs/tool-build.log"; echo "0 passed, 1 failed"; exit 1; }
# The debug kernel first, on its own line, so a cold build's time is visible.
for t in "${selected[@]}"; do
	case " debug sparse-clean harness-catches-failure " in
	*" $t "*)
		kstart=$(stamp)
		if tests/vm/kernel.sh >"$logs/kernel.log" 2>&1; then
			echo "test kernel ready: $(tail -n 1 "$logs/kernel.log") ($(( $(stamp) - kstart )) s)"
		else
			echo "FAIL test kernel build ($(( $(stamp) - kstart )) s)"
			tail -n 40 "$logs/kernel.log"
		fi
		break
		;;
	esac
done

for t in "${selected[@]}"; do
	case " ${vm_tiers[*]} " in
	*" $t "*) run_vm "$t" ;;
	*)
		if [ -x "tests/host/$t.sh" ]; then
			run_host "$t"
		else
			echo "FAIL $t: no such test"
			failed=$((failed + 1))
			failures+=("$t")
		fi
		;;
	esac
done

echo "check took $(( $(stamp) - start_all )) s; logs in $logs"
[ ${#failures[@]} = 0 ] || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
