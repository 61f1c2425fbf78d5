import { CHANNELS, FEATURES, MODEL_PROVIDERS } from '../choices/choices.js';
import { KNOWN_POINT_NAMES } from '../plugin/extension-point-catalog.js';

/** The `--help` text. */
export function usage(): string {
  return `create-downcity: scaffold a Downcity agent, or a plugin package to publish.

Usage
  npm create downcity@latest [folder] [-- flags]        an agent project (asks, unless --yes)
  npm create downcity@latest -- --plugin <name> [folder] a third-party plugin package
  create-downcity --lint [folder]                        lint a plugin's manifest before publishing

Agent flags
  --name <name>               package and agent name (default: the folder name, or my-agent)
  --model <provider>          ${MODEL_PROVIDERS.join(' | ')} (default openai)
  --channels <list>           comma-separated: ${CHANNELS.join(', ')} (default terminal,http)
  --with <list>               services and plugins: ${FEATURES.join(', ')} (default chat,task,memory)

Plugin flags
  --plugin <name>             npm name, e.g. downcity-plugin-weather; the manifest id drops the prefix
  --attach <list>             extension points (default chat/before-reply):
                              ${KNOWN_POINT_NAMES.join(', ')}

Common flags
  -y, --yes                   no questions: flags plus defaults (required when stdin is not a terminal)
  --no-install                write the files only
  --package-manager <pm>      npm | pnpm (default: the one running create-downcity, else npm)
  -f, --force                 write into a non-empty folder (existing files are kept, never replaced)
  --local <workspace>         link @downcity/* from a Downcity checkout instead of versions
                              (also DOWNCITY_LOCAL_PACKAGES; for testing unreleased packages)
  -h, --help, -v, --version

Exit codes: 0 done, 1 failed (e.g. install), 2 usage, 3 manifest problems (--lint), 6 folder not empty, 130 cancelled.
With npm, put flags after "--": npm create downcity@latest my-agent -- --yes --model anthropic`;
}
