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
# MPOOL_CHECK_JOBS: how many tests run at once (default: the number of CPUs).
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
cpu_total=0
failures=()

stamp() {
	date +%s
}

# cpu_seconds LOG CMD...: run CMD with its output to LOG and print the CPU seconds it
# used (user + system, children included), keeping its exit status. On a machine this
# small the CPU seconds, more than the wall time, decide how long make check takes.
cpu_seconds() {
	local log=$1 TIMEFORMAT='%U %S' times rc
	shift
	times=$( { time "$@" >"$log" 2>&1; } 2>&1 )
	rc=$?
	awk -v t="$times" 'BEGIN { split(t, a, " "); printf "%.0f\n", a[1] + a[2] }'
	return $rc
}

# Each test runs as a job that leaves "PASSED FAILED SECONDS CPU-SECONDS" in
# $logs/NAME.result.
vm_job() {
	local tier=$1 start summary p f cpu
	start=$(stamp)
	cpu=$(cpu_seconds "$logs/vm-$tier.log" tests/vm/run.sh "$tier")
	summary=$(tail -n 1 "$logs/vm-$tier.log")
	p=$(echo "$summary" | sed -n 's/^vm [^:]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$summary" | sed -n 's/^vm [^:]*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	# A tier that ended without its summary line is one failure.
	[ -n "$p" ] || { p=0; f=1; }
	echo "$p $f $(( $(stamp) - start )) $cpu" >"$logs/vm-$tier.result"
}

host_job() {
	local name=$1 start cpu
	start=$(stamp)
	if cpu=$(cpu_seconds "$logs/host-$name.log" "tests/host/$name.sh"); then
		echo "1 0 $(( $(stamp) - start )) $cpu" >"$logs/host-$name.result"
	else
		echo "0 1 $(( $(stamp) - start )) $cpu" >"$logs/host-$name.result"
	fi
}

# report ID (vm-TIER or host-NAME): add a finished job to the totals and say how it went.
report() {
	local id=$1 p f secs cpu label
	read -r p f secs cpu <"$logs/$id.result" 2>/dev/null || { p=0; f=1; secs=?; cpu=?; }
	label=${id/-//}
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$cpu" = "?" ] || cpu_total=$((cpu_total + cpu))
	if [ "$f" = 0 ]; then
		case $id in
		vm-*) echo "PASS $label: $p tests ($secs s, $cpu s CPU)" ;;
		*) echo "PASS $label ($secs s, $cpu s CPU)" ;;
		esac
		return
	fi
	case $id in
	vm-*)
		echo "FAIL $label: $f of $((p + f)) failed ($secs s), log: $logs/$id.log"
		sed 's/^/    /' "$logs/$id.log" | tail -n 80
		;;
	*)
		echo "FAIL $label ($secs s), log: $logs/$id.log"
		sed 's/^/    /' "$logs/$id.log" | tail -n 40
		;;
	esac
	failures+=("$label")
}

start_all=$(stamp)
# Everything the host tests build in tool/, built once here: the tests run side by side
# and two makes must not write the same objects at once.
make -s -C tool all guest tests/unit tests/mempoolctl-fake tests/nl_preload.so \
	>"$logs/tool-build.log" 2>&1 ||
	{ cat "$logs/tool-build.log"; echo "0 passed, 1 failed"; exit 1; }
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

# The tests run MPOOL_CHECK_JOBS at a time (default: one per CPU), the longest first
# so that the short host tests fill the gaps. A TCG guest mostly keeps one host CPU
# busy, so the debug tier (the longest) leaves the other CPU to everything else.
longest_first=(debug harness-catches-failure stock-6.12 stock-6.1 tool-static-analysis
	       checkpatch-clean dkms-build sparse-clean bench-builds)
ordered=()
for t in "${longest_first[@]}" "${selected[@]}"; do
	case " ${selected[*]} " in *" $t "*) ;; *) continue ;; esac
	case " ${ordered[*]} " in *" $t "*) continue ;; esac
	ordered+=("$t")
done

slots=${MPOOL_CHECK_JOBS:-$(nproc)}
declare -A job_of_pid=()
reap_one() {
	local pid
	wait -n -p pid "${!job_of_pid[@]}"
	report "${job_of_pid[$pid]}"
	unset "job_of_pid[$pid]"
}

for t in "${ordered[@]}"; do
	case " ${vm_tiers[*]} " in
	*" $t "*) vm_job "$t" & job_of_pid[$!]=vm-$t ;;
	*)
		if [ -x "tests/host/$t.sh" ]; then
			host_job "$t" & job_of_pid[$!]=host-$t
		else
			echo "FAIL $t: no such test"
			failed=$((failed + 1))
			failures+=("$t")
		fi
		;;
	esac
	while [ ${#job_of_pid[@]} -ge "$slots" ]; do
		reap_one
	done
done
while [ ${#job_of_pid[@]} -gt 0 ]; do
	reap_one
done

echo "check took $(( $(stamp) - start_all )) s, $cpu_total s CPU in tests, $slots at a time; logs in $logs"
[ ${#failures[@]} = 0 ] || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
