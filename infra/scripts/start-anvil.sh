#!/usr/bin/env bash
# Starts a local anvil chain on 127.0.0.1:PORT in the foreground, with the pinned anvil
# (infra/package-lock.json; install with `npm ci` in infra/, which ./test.sh does).
# Deterministic: chain id 31337 and the well-known "test … junk" mnemonic, so account 0 is
# 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 with key 0xac0974be…ff80. Extra arguments go to anvil.
#   infra/scripts/start-anvil.sh 8545 [--block-time 2 …]
set -euo pipefail
port=${1:?usage: start-anvil.sh PORT [anvil arguments]}
shift
infra=$(cd "$(dirname "$0")/.." && pwd)
anvil=$infra/node_modules/.bin/anvil
if [[ ! -x $anvil ]]; then
  echo "anvil not found at $anvil: run 'npm ci' in infra/ (./test.sh does)" >&2
  exit 1
fi
exec "$anvil" --host 127.0.0.1 --port "$port" --chain-id 31337 \
  --mnemonic "test test test test test test test test test test test junk" --accounts 10 "$@"
