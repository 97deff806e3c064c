#!/bin/sh
# Install what mpool needs to build, test and demo, from Debian's archive.
# Idempotent: packages already present are left alone, so a second run is quick.
# Kernel packages are named through Debian's meta-packages, so the concrete
# ABI (6.12.N+deb12, 6.1.0-N) is whatever apt resolves today.
set -eu

packages="
	build-essential bc bison flex cpio xz-utils kmod rsync
	libelf-dev libssl-dev dwarves ccache sparse
	pkg-config libnl-3-dev libnl-genl-3-dev
	qemu-system-x86 busybox-static
	python3 python3-yaml python3-jsonschema
	dkms
	linux-source-6.12
	linux-image-6.12-amd64 linux-headers-6.12-amd64
	linux-image-amd64 linux-headers-amd64
"

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "deps: all packages present"
	exit 0
fi

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps grub and firmware off build machines.
$SUDO apt-get install -y -qq --no-install-recommends $missing
