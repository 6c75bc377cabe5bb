/**
 * Imports in generated cells: each cell imports from `@alpha-factory/kernel` only the names
 * the notebook has not imported yet, so a notebook built by the panels reads like one a
 * person wrote (one import per name, where it is first needed).
 */

export const KERNEL_MODULE = '@alpha-factory/kernel';

const IMPORT_RE = /import\s*\{([^}]*)\}\s*from\s*['"]@alpha-factory\/kernel['"]/g;

/** Names already imported from the kernel library in these cell sources. */
export function importedNames(sources: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const src of sources) {
    for (const m of src.matchAll(IMPORT_RE)) {
      for (const part of m[1].split(',')) {
        const spec = part.trim();
        if (!spec) continue;
        // `a as b` binds b
        const alias = /\bas\s+([A-Za-z_$][\w$]*)$/.exec(spec);
        names.add(alias ? alias[1] : spec.replace(/^type\s+/, ''));
      }
    }
  }
  return names;
}

/** The import line for the `needed` names not in `imported` (sorted), or '' when none is missing. */
export function importLine(needed: Iterable<string>, imported: ReadonlySet<string>): string {
  const missing = Array.from(new Set(needed)).filter((n) => !imported.has(n)).sort();
  return missing.length === 0 ? '' : `import { ${missing.join(', ')} } from '${KERNEL_MODULE}';`;
}

/** Node built-ins a cell needs, each written once per cell (`import { x } from 'node:mod';`). */
export function nodeImportLine(module: string, names: readonly string[], sources: Iterable<string>): string {
  const re = new RegExp(`from\\s*['"]${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`);
  for (const s of sources) if (re.test(s)) return '';
  return `import { ${names.slice().sort().join(', ')} } from '${module}';`;
}
