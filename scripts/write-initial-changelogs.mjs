// Writes the 0.1.0 CHANGELOG.md entry for every public workspace package that has none yet.
// Later entries are written by `changeset version`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

for (const root of ['packages', 'services', 'plugins']) {
  for (const entry of readdirSync(root)) {
    const folder = path.join(root, entry);
    const manifestPath = path.join(folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const pkg = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const changelog = path.join(folder, 'CHANGELOG.md');
    if (pkg.private || existsSync(changelog)) continue;
    writeFileSync(changelog, `# ${pkg.name}\n\n## ${pkg.version}\n\n### Minor Changes\n\n- Initial release: ${pkg.description}\n`);
    console.log(`wrote ${changelog}`);
  }
}
