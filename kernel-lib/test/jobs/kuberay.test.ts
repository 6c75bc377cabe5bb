import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobId, normalizeSpec } from '../../src/jobs/spec';
import { kubeRayManifest, kubeRayYaml } from '../../src/jobs/kuberay';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a nested manifest object
type Loose = any;

const spec = normalizeSpec({ kind: 'garch-batch', inputs: { returns: { sha256: 'c'.repeat(64) } }, resources: { gpus: 1, cpus: 4, memoryMb: 8192 } });

test('RayJob manifest: ray.io/v1, HTTPMode, shutdown with TTL, deadline, GPU limits, Kueue label', () => {
  const m = kubeRayManifest(spec, { queue: 'research', ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 3600, pvc: 'jobs-pvc', image: 'img:1' }) as Loose;
  assert.equal(m.apiVersion, 'ray.io/v1');
  assert.equal(m.kind, 'RayJob');
  assert.equal(m.metadata.labels['kueue.x-k8s.io/queue-name'], 'research');
  assert.equal(m.spec.submissionMode, 'HTTPMode');
  assert.equal(m.spec.shutdownAfterJobFinishes, true);
  assert.equal(m.spec.ttlSecondsAfterFinished, 600);
  assert.equal(m.spec.activeDeadlineSeconds, 3600);
  assert.equal(m.spec.suspend, true, 'Kueue admits suspended jobs');
  assert.equal(m.spec.entrypointNumGpus, 1);
  assert.equal(m.spec.entrypoint, `python -m alpha_factory_gpu.worker --job-dir /data/jobs/${jobId(spec)}`);
  const worker = m.spec.rayClusterSpec.workerGroupSpecs[0].template.spec.containers[0];
  assert.equal(worker.resources.limits['nvidia.com/gpu'], '1');
  assert.equal(worker.image, 'img:1');
  assert.deepEqual(worker.volumeMounts, [{ name: 'jobs', mountPath: '/data' }]);
  const cpuOnly = kubeRayManifest(normalizeSpec({ ...spec, resources: { gpus: 0 } } as never)) as Loose;
  assert.equal(cpuOnly.spec.entrypointNumGpus, undefined);
  assert.equal(cpuOnly.metadata.labels['kueue.x-k8s.io/queue-name'], undefined);
  assert.throws(() => kubeRayManifest(spec, { ttlSecondsAfterFinished: -1 }), /ttlSecondsAfterFinished must be a whole number >= 0/);
});

test('the YAML text parses back (js-yaml, an independent parser) to the same manifest', (t) => {
  let yaml: { load(s: string): unknown };
  try {
    yaml = require('js-yaml');
  } catch {
    t.skip('js-yaml is not installed');
    return;
  }
  const opts = { queue: 'q "odd": name', namespace: 'research' };
  assert.deepEqual(yaml.load(kubeRayYaml(spec, opts)), kubeRayManifest(spec, opts));
});
