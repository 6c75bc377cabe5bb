import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAYLOAD_KINDS } from '@alpha-factory/schema';
import { PAYLOAD_MIME_PATTERN } from '../src/payload/mime';
import { createRendererRegistry, PayloadRendererRegistry } from '../src/render';
import type { KindRenderer } from '../src/render';
import { el } from '../src/render/dom';
import { installDomGlobals, newDocument } from './helpers';

test('the built-in registry has the manifest, panel-summary, progress and table views', () => {
  assert.deepEqual(createRendererRegistry().kinds(), ['manifest', 'panel-summary', 'progress', 'table']);
});

test('a registered kind renderer is used for its kind only', () => {
  const registry = createRendererRegistry();
  const weights: KindRenderer = {
    kind: 'weights',
    label: 'Weights',
    render: (p, doc) => el(doc, 'p', 'af-weights', `n=${(p.weights as number[]).length}`),
  };
  registry.register(weights);
  const doc = newDocument();
  const root = registry.render({ kind: 'weights', version: 1, weights: [0.5, 0.5] }, doc);
  assert.equal(root.querySelector('.af-weights')?.textContent, 'n=2');
  assert.equal(root.querySelector('.af-payload-title')?.textContent, 'Weights');
  assert.equal(registry.render({ kind: 'other', version: 1 }, doc).querySelector('.af-weights'), null);
  assert.equal(new PayloadRendererRegistry().has('table'), false);
});

test('the renderer factory: safe, preferred over text/html (rank 50), every schema kind listed', async () => {
  // The widget class needs a DOM: jsdom's globals go in before the module loads.
  installDomGlobals();
  const { createPayloadRendererFactory, PAYLOAD_RENDERER_RANK } = await import('../src/mimerenderer/factory');
  const factory = createPayloadRendererFactory(createRendererRegistry());
  assert.equal(factory.safe, true);
  assert.ok(PAYLOAD_RENDERER_RANK < 50);
  assert.equal(factory.defaultRank, PAYLOAD_RENDERER_RANK);
  for (const kind of [...PAYLOAD_KINDS, 'manifest', 'panel-summary', 'table']) {
    assert.ok(factory.mimeTypes.includes(`application/vnd.alpha-factory.${kind}.v1+json`), kind);
  }
  for (const mime of factory.mimeTypes) assert.match(mime, PAYLOAD_MIME_PATTERN);

  const mime = 'application/vnd.alpha-factory.table.v1+json';
  const renderer = factory.createRenderer({ mimeType: mime } as never);
  const data = { kind: 'table', version: 1, title: '<b>bold</b>', columns: ['a'], rows: [[1]] };
  await renderer.renderModel({ data: { [mime]: JSON.stringify(data) } } as never);
  assert.equal(renderer.node.querySelector('b'), null);
  assert.equal(renderer.node.querySelector('.af-payload-title')?.textContent, '<b>bold</b>');
  renderer.dispose();
});
