#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, dependencies, build, lint, typecheck,
# every package's tests on Node.js 24 and then on Node.js 22 (each installed from the npm registry into
# .downcity-node/<major> when the machine's node is another version), and the API docs (warnings are
# errors). Prints one closing summary line over both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh

node24=$(node_bin_dir 24)
node22=$(node_bin_dir 22)
export PATH="$node24:$PATH"
bash scripts/bootstrap.sh --with-system-deps
# A PostgreSQL for @downcity/store-postgres and @downcity/cluster-postgres: DOWNCITY_TEST_DATABASE_URL, a running cluster, the installed one
# (stopped again on exit) or one installed through apt.
source scripts/test-postgres.sh
ensure_test_postgres || echo "==> postgres: no database for the tests; the store-postgres and cluster-postgres tests will fail and say why"
rm -rf .test-reports
find . -name .vitest-report.json -not -path '*/node_modules/*' -delete

echo "==> lint"
pnpm lint
echo "==> typecheck"
pnpm typecheck --output-logs=errors-only
status=0
for bin in "$node24" "$node22"; do
  version=$("$bin/node" --version)
  echo "==> tests on Node.js $version"
  # Tests are never cached (turbo.json), so each Node version runs them all; the builds they depend on are cached
  # from the build step, not redone per Node. --continue: every package runs even after one fails.
  # Long flows whose Node-specific parts other packages already cover run on the first Node only, to keep CI
  # under 30 minutes: the multi-process cluster soak (3 workers, 10 SIGKILLs, about 3 minutes), the
  # publish-install-run flow through verdaccio (about 2), the console driven through Chromium (about 1), the
  # marketplace against verdaccio (about 1) and speech recognition through the pocketsphinx program (half a minute).
  # Every other package's tests, the cluster and plugin-host packages' included, run on both.
  filter=()
  if [ "$bin" != "$node24" ]; then
    filter=(--filter='!@downcity/cluster-e2e' --filter='!@downcity/e2e' --filter='!@downcity/console' --filter='!@downcity/marketplace' --filter='!@downcity/asr')
  fi
  PATH="$bin:$PATH" pnpm test --continue "${filter[@]}" || status=$?
  node scripts/summarize-tests.mjs --collect "node-$version" || true
done
echo "==> API docs"
pnpm run docs >/dev/null || { echo "typedoc failed"; pnpm run docs; status=1; }
node scripts/summarize-tests.mjs || status=1
exit "$status"
