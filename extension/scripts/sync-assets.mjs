#!/usr/bin/env node
// Copies the sources of truth that live outside the package into it, because the builder
// only reads files inside the extension package:
//   ../schema/settings/*.json -> schema/   (package.json jupyterlab.schemaDir)
//   ../style/*                -> style/    (package.json style)
// Both targets are generated (extension/.gitignore); edit the originals.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(ext);
const copies = [
  [join(root, 'schema', 'settings'), join(ext, 'schema'), (f) => f.endsWith('.json')],
  [join(root, 'style'), join(ext, 'style'), () => true],
];
for (const [from, to, keep] of copies) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const files = readdirSync(from).filter(keep);
  for (const f of files) cpSync(join(from, f), join(to, f), { recursive: true });
  console.log(`sync-assets: ${files.length} file(s) ${from.slice(root.length + 1)}/ -> extension/${to.slice(ext.length + 1)}/`);
}
