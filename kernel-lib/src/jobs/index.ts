/**
 * Jobs: run large work (batched GARCH fits, factor mining, forecaster training) outside the kernel,
 * on this machine or a Ray cluster, with every job's state in files of the workspace.
 */
export { submit, refresh, watch, results, cancel, list, logs, getJob } from './api';
export type { JobsOptions, SubmitOptions, WatchOptions, JobResults } from './api';
export { Job } from './job';
export type { JobPayload } from './job';
export { JobStore, writeAtomic, defaultStoreRoot } from './store';
export { normalizeSpec, jobId, specIdentity, JOB_KINDS } from './spec';
export type { JobSpec, JobSpecInit, JobKind, JobInput, JobResources } from './spec';
export { isTerminal, TERMINAL_STATES } from './status';
export type { JobState, JobStatus, JobEvent, ExecutorName } from './status';
export { canonicalJson, sha256Hex } from './canonical';
export { LocalExecutor, workerAlive } from './local';
export type { LocalExecutorOptions } from './local';
export { RayExecutor } from './ray';
export type { RayExecutorOptions } from './ray';
export { RayJobsClient } from './ray-client';
export type { RaySubmitRequest, RayJobDetails, RayJobState, RayNodeResources, RayClientOptions } from './ray-client';
export { kubeRayManifest, kubeRayYaml, toYaml } from './kuberay';
export type { KubeRayOptions } from './kuberay';
export { panelToArrow, arrowToPanel, readArrow, tableRecords, numericColumn } from './arrow';
export { workerPython, gpuPackageDir } from './python';
export { OnnxForecaster, loadForecaster, onnxRuntimeAvailable } from './onnx';
export type { ForecasterOptions } from './onnx';
