/**
 * One look at every source of jobs, for the GPU Jobs panel's poll: the job store (through the
 * contents API) and, when a Ray dashboard address is configured, the cluster (through the server
 * extension's proxy). The caller's Poll backs off when this returns false (nothing changed and
 * nothing running), so the cluster is polled with the same back-off as the store.
 */
import type { GpuJobsModel, JobRow } from './model';
import type { RayProxyLike, RayTarget } from './proxy';

export interface StoreReaderLike {
  read(): Promise<{ jobs: JobRow[]; changed: boolean }>;
}

/** Reads the store and the cluster into the model; true while something changed or a job is active. */
export async function refreshJobs(model: GpuJobsModel, reader: StoreReaderLike, ray: RayProxyLike | null, target: RayTarget): Promise<boolean> {
  const [store, cluster] = await Promise.all([
    reader.read(),
    ray && target.address.trim() !== ''
      ? ray.list(target).then(
          (jobs) => ({ jobs, error: null }),
          (e: unknown) => ({ jobs: null, error: (e as Error).message ?? String(e) }),
        )
      : Promise.resolve({ jobs: null, error: null }),
  ]);
  const activeBefore = model.active;
  const rayChanged = model.setSources(store.changed || activeBefore > 0 ? store.jobs : undefined, cluster);
  return store.changed || rayChanged || model.active > 0;
}
