import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { PAYLOAD_SCHEMAS } from '@alpha-factory/schema';
import { Panel } from '../../src/data/panel';
import { describe } from '../../src/data/describe';

test('describe() results travel as a panel-summary payload that matches its schema', () => {
  const p = new Panel({
    dates: ['2020-01-01', '2020-01-02', '2020-01-03'],
    assets: ['A', 'B'],
    fields: { close: new Float64Array([1, NaN, 2, NaN, 4, 5]) },
  });
  const payload = describe(p).toPayload('demo');
  const validate = new Ajv2020({ strict: false }).compile(PAYLOAD_SCHEMAS['panel-summary']);
  assert.ok(validate(payload), JSON.stringify(validate.errors));
  // B has a single value: pandas reports std NaN there, which travels as null
  const b = payload.stats.find((r) => r.asset === 'B');
  assert.equal(b?.count, 1);
  assert.equal(b?.std, null);
  assert.equal(payload.n_dates, 3);
});
