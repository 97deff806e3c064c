# SPDX-License-Identifier: GPL-2.0
# bash completion for mempoolctl(8): commands, options, sort keys, set's keys and their
# values (managed pools' policy keys too), collect's generations, the class sizes of
# buffer pools and the names of the pools loaded now (from `mempoolctl list --names`;
# compress's BYTES is a number, not completed).
#
# Install as /usr/share/bash-completion/completions/mempoolctl, or source it.

_mempoolctl_pools()
{
	local cmd=${1:-mempoolctl}

	"$cmd" list --names 2>/dev/null
}

# COMPREPLY: the words of $1 that start with $2.
_mempoolctl_reply()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_mempoolctl()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -n = || return
	else
		# Without bash-completion: words split at blanks only, as -n = would.
		local line=${COMP_LINE:0:COMP_POINT}
		read -ra words <<<"$line"
		[[ -z $line || $line == *[[:blank:]] ]] && words+=('')
		cword=$((${#words[@]} - 1))
		cur=${words[cword]}
		prev=${words[cword - 1]:-}
	fi

	local commands="list show stats top warm shrink set resize rebalance reset collect compress monitor version"
	local global_opts="--json --bytes --color= --help"
	local sort_keys="id name size live cached pages hit efficiency allocs frees"
	local tool=${words[0]}
	local i command='' command_at=0 nargs=0

	# The command is the first word that is not an option.
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--color | --colour) ;;
		-*) ;;
		*)
			if [[ -z $command ]]; then
				command=${words[i]}
				command_at=$i
			fi
			;;
		esac
	done
	# Positional arguments of the command before the cursor (option values excluded).
	if [[ -n $command ]]; then
		for ((i = command_at + 1; i < cword; i++)); do
			case ${words[i]} in
			-*) ;;
			*)
				case ${words[i - 1]} in
				--sort | -s | --delay | -d | --iterations | -n | --watch | -w | --count | -c | --timeout | -t | --node | \
					--class | --min | --max | --from | --to | --gen | --memory) ;;
				*) nargs=$((nargs + 1)) ;;
				esac
				;;
			esac
		done
	fi

	case $prev in
	--sort | -s)
		_mempoolctl_reply "$sort_keys" "$cur"
		return
		;;
	--class)
		# The default classes of kbuf; any size is taken (the class serving it).
		_mempoolctl_reply "64 128 256 512 1K 2K 4K 8K 16K 32K 64K 128K 256K 512K 1M 2M" "$cur"
		return
		;;
	--max)
		_mempoolctl_reply "none" "$cur"
		return
		;;
	--gen)
		_mempoolctl_reply "young old" "$cur"
		return
		;;
	--delay | -d | --iterations | -n | --watch | -w | --count | -c | --timeout | -t | --node | \
		--min | --from | --to | --memory)
		return
		;;
	esac
	case $cur in
	--color=* | --colour=*)
		_mempoolctl_reply "auto always never" "${cur#*=}"
		return
		;;
	esac

	if [[ -z $command ]]; then
		if [[ $cur == -* ]]; then
			_mempoolctl_reply "$global_opts" "$cur"
			[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		else
			_mempoolctl_reply "$commands" "$cur"
		fi
		return
	fi

	local opts=$global_opts
	case $command in
	list) opts="$opts --sort --names" ;;
	stats) opts="$opts --watch --count" ;;
	top) opts="$opts --sort --delay --iterations --once" ;;
	warm) opts="$opts --node --class --memory" ;;
	resize) opts="$opts --class --min --max" ;;
	rebalance) opts="$opts --from --to --count --class" ;;
	monitor) opts="$opts --count --timeout" ;;
	collect) opts="$opts --gen" ;;
	esac
	if [[ $cur == -* ]]; then
		_mempoolctl_reply "$opts" "$cur"
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	case $command in
	show | stats | warm | shrink | set | resize | rebalance | reset | collect | compress | monitor)
		if ((nargs == 0)); then
			_mempoolctl_reply "$(_mempoolctl_pools "$tool")" "$cur"
			return
		fi
		;;
	esac
	if [[ $command == set ]] && ((nargs >= 1)); then
		case $cur in
		poison=* | adaptive=* | adapt-rebalance=* | cold-permanent=*)
			_mempoolctl_reply "on off" "${cur#*=}"
			;;
		max-objects=*)
			_mempoolctl_reply "none" "${cur#max-objects=}"
			;;
		*=*) ;;
		*)
			_mempoolctl_reply "min-objects= max-objects= magazine-size= poison= adaptive= adapt-interval= adapt-rebalance= promote-after= young-interval= old-interval= old-sparse-pct= cold-age= cold-high-pct= cold-low-pct= cold-min-saving-pct= cold-interval= cold-cpu-pct= cold-permanent=" "$cur"
			compopt -o nospace 2>/dev/null
			;;
		esac
	fi
}

complete -F _mempoolctl mempoolctl
