import type { ExperimentManifest } from '@alpha-factory/schema';
import type { Payload } from '../../payload/parse';
import { el, formatValue, isRecordArray, keyValueTable, recordsTable, section } from '../dom';
import type { KindRenderer } from '../types';

function entries(x: unknown): [string, unknown][] {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? Object.entries(x) : [];
}

/**
 * `manifest`: what reproduces an executed notebook: when, seeds, the data files read with
 * their sha256, software versions and platform.
 */
export const manifestRenderer: KindRenderer = {
  kind: 'manifest',
  label: 'Experiment manifest',
  render(payload: Payload, doc: Document): HTMLElement {
    const m = payload as unknown as Partial<ExperimentManifest>;
    const root = el(doc, 'div', 'af-manifest');
    root.appendChild(
      keyValueTable(doc, [
        ['created at', m.created_at ?? null],
        ['seeds', Array.isArray(m.seeds) && m.seeds.length > 0 ? formatValue(m.seeds) : 'none recorded'],
      ]),
    );
    if (isRecordArray(m.data)) {
      root.appendChild(section(doc, 'Data read', recordsTable(doc, m.data as unknown as Record<string, unknown>[])));
    } else {
      root.appendChild(section(doc, 'Data read', el(doc, 'p', 'af-note', 'No data files recorded.')));
    }
    const versions = entries(m.versions);
    if (versions.length > 0) root.appendChild(section(doc, 'Versions', keyValueTable(doc, versions)));
    const platform = entries(m.platform);
    if (platform.length > 0) root.appendChild(section(doc, 'Platform', keyValueTable(doc, platform)));
    return root;
  },
};
