#!/usr/bin/env bash
# The test command. Installs what the tests need from the project's own files, then runs every
# test project of the solution. Works on a fresh Debian machine with the .NET 10 SDK and Node/npm;
# system packages are installed when run as root. CI runs exactly this (via .ci/run) with CI=true.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '== %s\n' "$*" >&2; }

# System packages the tests need (services that integration tests start on 127.0.0.1 themselves).
apt_packages=()
if [[ -f infra/apt-packages.txt ]]; then
  while read -r pkg _; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || apt_packages+=("$pkg")
  done < infra/apt-packages.txt
fi
if (( ${#apt_packages[@]} > 0 )); then
  if [[ $(id -u) -eq 0 ]]; then
    log "apt-get install ${apt_packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  else
    log "not root: cannot install ${apt_packages[*]}; tests that need them will fail under CI=true"
  fi
fi

# Node tools (solc, anvil) pinned in infra/package-lock.json.
if [[ -f infra/package-lock.json ]]; then
  log "npm ci (infra)"
  (cd infra && npm ci --no-audit --no-fund --loglevel=error)
fi

log "dotnet build"
dotnet build ClinicalTrials.sln -c Release -nologo -clp:ErrorsOnly

log "dotnet test"
out=$(mktemp)
set +e
dotnet test ClinicalTrials.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, in the plain form CI reads.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$out"
rm -f "$out"
exit "$status"
