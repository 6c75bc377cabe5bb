/**
 * The Ray access token from the settings reaches the kernel without entering the notebook: the
 * notebook is the report, so the token is set in the kernel's environment by a silent execute
 * request (no cell, no history) before a cell that may talk to Ray runs. kernel-lib's Ray
 * executor reads `$ALPHA_FACTORY_RAY_TOKEN` (the generated Ray cells say so in a comment).
 */
import type { PanelAction } from './actions';
import { str } from './literals';

export const RAY_TOKEN_ENV = 'ALPHA_FACTORY_RAY_TOKEN';

/** Whether the cell for `action` may call the Ray dashboard (a Ray mining job, or any job command). */
export function mayUseRay(action: PanelAction): boolean {
  switch (action.type) {
    case 'mine':
      return action.params.executor === 'ray';
    case 'cancel-job':
    case 'retry-job':
    case 'clone-job':
    case 'show-job':
      return true;
    default:
      return false;
  }
}

/** The silent kernel code that sets the token, or null when there is none to set or no Ray call to make. */
export function rayTokenCode(action: PanelAction, token: string): string | null {
  if (!token || !mayUseRay(action)) return null;
  return `process.env.${RAY_TOKEN_ENV} = ${str(token)};`;
}
