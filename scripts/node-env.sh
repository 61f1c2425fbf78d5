# Sourced by the other scripts (bash). Finds a Node.js new enough for this workspace, or installs one
# from the npm registry's `node` package into the project-local folder .downcity-node/<major>.
# Downcity needs Node.js 22 or 24; the workspace's build tools (tsup 9, vitest 5) need 22.18 or newer.

DOWNCITY_NODE_DIR="${DOWNCITY_NODE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.downcity-node}"

# node_supported BINARY: the binary runs and is Node.js 22.18 or newer.
node_supported() {
  "$1" -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 18) ? 0 : 1)' 2>/dev/null
}

# node_major BINARY: prints the binary's major version.
node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null
}

# node_bin_dir MAJOR: prints a folder whose `node` is that major: the machine's when it is, otherwise
# .downcity-node/MAJOR, installed from the npm registry when missing (saying so on stderr).
node_bin_dir() {
  local major=$1 system dir
  system=$(command -v node || true)
  if [[ -n "$system" && "$(node_major "$system")" == "$major" ]] && node_supported "$system"; then
    dirname "$system"
    return
  fi
  dir="$DOWNCITY_NODE_DIR/$major"
  if ! node_supported "$dir/node_modules/.bin/node"; then
    echo "==> installing Node.js $major from the npm registry into $dir (this machine's node: $(node --version 2>/dev/null || echo none))" >&2
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$major" >&2
    node_supported "$dir/node_modules/.bin/node" || { echo "Node.js $major could not be installed into $dir" >&2; return 1; }
  fi
  echo "$dir/node_modules/.bin"
}

# use_supported_node: keeps the machine's node when it is new enough; otherwise puts Node.js 24
# (installed into .downcity-node/24 when missing) first on PATH for the rest of the calling script.
use_supported_node() {
  local system bin
  system=$(command -v node || true)
  if [[ -n "$system" ]] && node_supported "$system"; then return 0; fi
  bin=$(node_bin_dir 24) || return 1
  [[ -n "$system" ]] && echo "==> $("$system" --version) is older than 22.18: using Node.js $("$bin/node" --version) from ${bin%/node_modules/.bin}" >&2
  PATH="$bin:$PATH"
  export PATH
}
