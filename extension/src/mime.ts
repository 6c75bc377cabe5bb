import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { createPayloadRendererFactory, PAYLOAD_RENDERER_RANK } from './mimerenderer/factory';
import { sharedRenderers } from './render/shared';

/**
 * The MIME renderer extension (package.json `jupyterlab.mimeExtension`): JupyterLab adds
 * its factory to the rendermime registry at start-up, before any notebook opens.
 */
const extension: IRenderMime.IExtension = {
  id: '@alpha-factory/jupyterlab:mime-renderer',
  description: 'Renders application/vnd.alpha-factory.<kind>.v1+json outputs as text-only views.',
  rendererFactory: createPayloadRendererFactory(sharedRenderers),
  rank: PAYLOAD_RENDERER_RANK,
  dataType: 'json',
};

export default extension;
