#!/usr/bin/env bash
# Sets up a fresh machine for Downcity: Node.js 22+ (Node 24 from the npm registry into .downcity-node/24
# when the machine's node is older), pnpm, (optionally) the system packages the tests use, workspace
# dependencies, and a build of every package. `pnpm start` then runs on that Node (scripts/with-node.sh).
#   bash scripts/bootstrap.sh                      # pnpm + dependencies + build
#   bash scripts/bootstrap.sh --with-system-deps   # also bubblewrap, pocketsphinx, espeak-ng, sox, ffmpeg, chromium (needs root)
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
SYSTEM_PACKAGES=(bubblewrap pocketsphinx pocketsphinx-en-us espeak-ng sox ffmpeg chromium)

if [[ "${1:-}" == "--with-system-deps" ]]; then
  missing=()
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    echo "==> installing system packages: ${missing[*]}"
    SUDO=""
    [[ "$(id -u)" != "0" ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

source scripts/node-env.sh
use_supported_node
echo "==> Node.js $(node --version)"

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != "$PNPM_VERSION" ]]; then
  echo "==> installing pnpm $PNPM_VERSION"
  # npm's global prefix follows the running node; with .downcity-node first on PATH it would land there,
  # so install next to npm itself (e.g. /usr/bin/pnpm), where a fresh shell finds it.
  npm install -g --prefix "$(dirname "$(dirname "$(command -v npm)")")" "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "==> installing workspace dependencies"
pnpm install --frozen-lockfile --reporter=silent
echo "==> building packages"
pnpm build --output-logs=errors-only
