#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, dependencies, build, lint, typecheck,
# every package's tests, and the API docs (warnings are errors). Prints one closing summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh --with-system-deps
find . -name .vitest-report.json -not -path '*/node_modules/*' -delete

echo "==> lint"
pnpm lint
echo "==> typecheck"
pnpm typecheck --output-logs=errors-only
echo "==> tests"
status=0
pnpm test || status=$?
echo "==> API docs"
pnpm docs >/dev/null || { echo "typedoc failed"; pnpm docs; status=1; }
node scripts/summarize-tests.mjs || status=1
exit "$status"
