export { experimentManifest, manifestBundle, showManifest } from './manifest';
export type { ExperimentManifest } from './manifest';
export { softwareVersions } from './versions';
export type { SoftwareVersions } from './versions';
