import type { KindRenderer } from '../types';
import { manifestRenderer } from './manifest';
import { panelSummaryRenderer } from './panelSummary';
import { progressRenderer } from './progress';
import { tableRenderer } from './table';

/**
 * The kind-specific views. Adding one is one file in this folder and one entry here; any
 * kind without an entry gets the generic view.
 */
export const BUILTIN_RENDERERS: readonly KindRenderer[] = [manifestRenderer, panelSummaryRenderer, progressRenderer, tableRenderer];
