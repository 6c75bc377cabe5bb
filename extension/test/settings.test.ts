import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings, SettingsModel } from '../src/settings/model';

// The source of truth: the settings schema JupyterLab reads (copied into extension/schema at build).
const schemaPath = join(__dirname, '..', '..', '..', 'schema', 'settings', 'plugin.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
  properties: Record<string, { default: unknown; properties?: Record<string, { default: unknown }> }>;
  additionalProperties: boolean;
};

function schemaDefaults(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema.properties).map(([k, p]) => [k, p.default]));
}

test('the TypeScript defaults equal the settings schema defaults, field for field', () => {
  assert.deepEqual({ ...DEFAULT_SETTINGS, gateThresholds: { ...DEFAULT_SETTINGS.gateThresholds } }, schemaDefaults());
  const nested = schema.properties.gateThresholds.properties ?? {};
  assert.deepEqual(
    Object.fromEntries(Object.entries(nested).map(([k, p]) => [k, p.default])),
    DEFAULT_SETTINGS.gateThresholds,
  );
  assert.equal(schema.additionalProperties, false);
});

test('the admission threshold defaults are the reference spec: IC 0.03, ICIR 0.1, correlation 0.7', () => {
  // shared/reference/alphaforge-ui-and-agent-trading.md, C.1 item 4.
  assert.deepEqual(DEFAULT_SETTINGS.gateThresholds, { minIC: 0.03, minICIR: 0.1, maxCorrelation: 0.7 });
});

test('readSettings keeps good values and defaults the missing or mistyped ones', () => {
  const s = readSettings({
    rayDashboardUrl: ' http://ray-head:8265 ',
    defaultExecutor: 'gpu-farm',
    experimentFolder: '',
    gateThresholds: { minIC: 0.05, maxCorrelation: 'high' },
  });
  assert.equal(s.rayDashboardUrl, 'http://ray-head:8265');
  assert.equal(s.defaultExecutor, 'local');
  assert.equal(s.experimentFolder, 'experiments');
  assert.deepEqual(s.gateThresholds, { minIC: 0.05, minICIR: 0.1, maxCorrelation: 0.7 });
  assert.deepEqual(readSettings(null), readSettings({}));
});

test('SettingsModel.update emits the normalised settings', () => {
  const model = new SettingsModel();
  const seen: string[] = [];
  model.changed.connect((_, s) => seen.push(s.defaultExecutor));
  model.update({ defaultExecutor: 'ray' });
  assert.deepEqual(seen, ['ray']);
  assert.equal(model.settings.defaultExecutor, 'ray');
});
