import * as os from 'os';
import { dataReadLog } from '../data/readlog';
import { usedSeeds } from '../math/rng';
import { escapeHtml, htmlTable } from '../display/html';
import { payloadMimeType } from '../display/payload';
import { writeBundle } from '../display/tslab';
import { softwareVersions } from './versions';
import type { ExperimentManifest } from '@alpha-factory/schema';

/**
 * What an executed notebook needs to be reproduced: the seeds of every random stream, the
 * content hash of every data file it read, the software versions and the time. The type is
 * generated from `schema/payloads/manifest.v1.schema.json`. `alpha-factory report` copies it
 * into the notebook's metadata (`metadata.alpha_factory.manifest`) and into the HTML report.
 */
export type { ExperimentManifest };

export function experimentManifest(now: Date = new Date()): ExperimentManifest {
  return {
    kind: 'manifest',
    version: 1,
    created_at: now.toISOString(),
    seeds: usedSeeds(),
    data: dataReadLog().map((d) => ({ name: d.name, path: d.path ?? null, sha256: d.sha256, rows: d.rows ?? null })),
    versions: softwareVersions(),
    platform: { os: `${os.type()} ${os.release()}`, arch: os.arch(), cpus: os.cpus().length },
  };
}

function manifestHtml(m: ExperimentManifest): string {
  const rows: (string | number)[][] = [
    ['created at', m.created_at],
    ['seeds', m.seeds.length > 0 ? m.seeds.join(', ') : '(none)'],
    ['kernel-lib', m.versions.kernel_lib],
    ['tslab', m.versions.tslab ?? '-'],
    ['TypeScript', m.versions.typescript ?? '-'],
    ['Node', m.versions.node],
    ['platform', `${m.platform.os} ${m.platform.arch}, ${m.platform.cpus} CPUs`],
  ];
  const data =
    m.data.length > 0
      ? htmlTable(['data', 'sha256', 'rows'], m.data.map((d) => [d.name, d.sha256, d.rows]))
      : '<p>No data files were read.</p>';
  return `<div class="af-manifest"><h4>${escapeHtml('Experiment manifest')}</h4>${htmlTable(['item', 'value'], rows)}${data}</div>`;
}

/** The manifest as a display bundle (payload + HTML + text). */
export function manifestBundle(m: ExperimentManifest = experimentManifest()): Record<string, unknown> {
  return {
    [payloadMimeType('manifest')]: m,
    'text/html': manifestHtml(m),
    'text/plain': JSON.stringify(m, null, 2),
  };
}

/** Show the manifest as the last output of a notebook (the report reads it from there). */
export function showManifest(): void {
  const bundle = manifestBundle(experimentManifest());
  if (!writeBundle(bundle)) process.stdout.write(String(bundle['text/plain']) + '\n');
}
