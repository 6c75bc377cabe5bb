import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { maxSharpe, equalWeight } from '../../src/portfolio/allocators';
import { sampleCov } from '../../src/portfolio/covariance';
import { meanHistoricalReturn } from '../../src/portfolio/returns';
import { KERNEL_ROOT } from './fixtures';
import { returns8 } from './data';

test('Allocation payload validates against schema/payloads/allocation.v1.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(KERNEL_ROOT, '..', 'schema', 'payloads', 'allocation.v1.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const r = returns8();
  const a = maxSharpe({ assets: r.assets, cov: sampleCov(r), expectedReturns: meanHistoricalReturn(r, { compounding: false }), riskFreeRate: 0.02 });
  const p = JSON.parse(JSON.stringify(a.toPayload())) as Record<string, unknown>;
  assert.ok(validate(p), JSON.stringify(validate.errors));
  assert.equal(p.kind, 'allocation');
  const bare = JSON.parse(JSON.stringify(equalWeight({ assets: ["a", "b"], constraints: { budget: 0.5 } }).toPayload())) as Record<string, unknown>;
  assert.ok(validate(bare), JSON.stringify(validate.errors));
  assert.equal(bare.volatility, null);
  assert.match(a.toString(), /Allocation \(max_sharpe\), 8 assets/);
  assert.match(a.toString(), /Sharpe \d\.\d{3} \(rf 0\.02\)/);
});
