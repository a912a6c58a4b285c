#!/usr/bin/env bash
# Runs every test of the solution. Installs Debian's chromium first when it is missing, because the
# browser journeys (e2e/) drive /usr/bin/chromium and never download a browser of their own.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo -n -E); fi
  if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium; }; then
    echo "Could not install chromium (run as root or with passwordless sudo)." >&2
    echo "Tests: 0 passed, 0 failed"
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test WorkflowStudio.sln -c Release 2>&1 </dev/null | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test project, e.g. "Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total: ...".
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      v = $(i + 1); gsub(/,/, "", v)
      if ($i == "Failed:") f += v
      else if ($i == "Passed:") p += v
      else if ($i == "Skipped:") s += v
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")

summary="Tests: ${passed} passed, ${failed} failed"
[ "$skipped" -gt 0 ] && summary+=", ${skipped} skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with code $status (build failure or a test host crash); see the output above." >&2
fi
echo "$summary"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
