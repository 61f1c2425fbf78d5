/**
 * Parses `.npmrc` text the way npm does for the settings the marketplace needs: `key=value`
 * lines, `#` and `;` comments, optional quotes, and `${NAME}` replaced from `env`.
 */
export function parseNpmrc(text: string, env: Record<string, string | undefined>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = expandEnv(line.slice(0, equals).trim(), env);
    let value = line.slice(equals + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    settings[key] = expandEnv(value, env);
  }
  return settings;
}

function expandEnv(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/(\\*)\$\{([^}]+)\}/g, (match: string, slashes: string, name: string) => {
    if (slashes.length % 2 === 1) return match.slice(1);
    return `${slashes}${env[name] ?? ''}`;
  });
}
