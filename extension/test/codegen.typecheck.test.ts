import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';
import type { CodeContext, CombineAction, MineAction, PanelAction } from '../src/codegen/actions';
import { codeFor } from '../src/codegen/generate';
import { importedNames } from '../src/codegen/imports';

// The kernel library's declarations, as a notebook resolves them (node_modules/@alpha-factory/kernel).
const kernelTypes = join(dirname(require.resolve('@alpha-factory/kernel/package.json')), 'lib', 'index.d.ts');

/** A notebook session of generated cells as one module: imports hoisted, bodies in order inside an async function. */
function session(actions: PanelAction[]): string {
  const cells: string[] = [];
  for (const a of actions) {
    const ctx: CodeContext = { imported: importedNames(cells), sources: cells, jobStore: 'experiments/jobs', rayAddress: 'http://ray:8265' };
    cells.push(codeFor(a, ctx));
  }
  const imports: string[] = [];
  const bodies: string[] = [];
  for (const c of cells) for (const line of c.split('\n')) (line.startsWith('import ') ? imports : bodies).push(line);
  // tslab lets a later cell redeclare a const; a block per cell stands for that, with the cross-cell names hoisted
  return [...imports, 'export async function notebook(): Promise<void> {', ...bodies.map((b) => `  ${b}`), '}'].join('\n');
}

test('generated cells typecheck against the kernel library (every action, in session order)', { skip: !existsSync(kernelTypes) && 'kernel-lib/lib is not built' }, () => {
  const actions: PanelAction[] = [
    { type: 'load-data', path: 'data/prices.csv', previewDates: 5 },
    { type: 'mine', params: { dataPath: 'data/prices.csv', generator: 'GRU', epochs: 300, zooSize: 10, metric: 'IC', minIC: 0.03, minICIR: 0.1, maxCorrelation: 0.7, seed: 1, executor: 'cpu', generations: 3, population: 50 } },
    { type: 'combine', params: { factorIds: ['0123456789'], start: '2015-01-02', end: '2016-01-04', window: 60, topN: 5, method: 'alphaforge', horizon: 1, name: 'a' } },
  ];
  const laterSessions: PanelAction[][] = [
    [actions[0], { type: 'mine', params: { ...(actions[1] as MineAction).params, executor: 'ray' } }],
    [{ type: 'cancel-job', jobId: 'j' }, { type: 'retry-job', jobId: 'j' }, { type: 'clone-job', jobId: 'j', seed: 2 }, { type: 'show-job', jobId: 'j' }],
    [{ type: 'export-report', notebook: 'a.ipynb', html: 'a.html' }],
  ];
  for (const method of ['equal', 'ic', 'rankIC'] as const) {
    laterSessions.push([actions[0], actions[1], { type: 'combine', params: { ...(actions[2] as CombineAction).params, method } }]);
  }
  const sources = new Map<string, string>();
  [actions, ...laterSessions].forEach((acts, i) => sources.set(join(dirname(kernelTypes), '..', '..', 'extension', 'build', `generated-session-${i}.ts`), session(acts)));
  const host = ts.createCompilerHost({});
  const orig = host.getSourceFile;
  host.getSourceFile = (name, lang, ...rest) => {
    const src = sources.get(name);
    return src !== undefined ? ts.createSourceFile(name, src, lang) : orig.call(host, name, lang, ...rest);
  };
  host.fileExists = ((fe) => (name: string) => sources.has(name) || fe(name))(host.fileExists);
  const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true, lib: ['lib.es2020.d.ts'] };
  const program = ts.createProgram(Array.from(sources.keys()), options, host);
  for (const [file, src] of sources) {
    const diags = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    const text = diags.map((d) => `${d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(text, [], `${src}\n${text.join('\n')}`);
  }
});
