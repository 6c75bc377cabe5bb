import { createRendererRegistry } from '.';

/**
 * The one registry of the running extension: the MIME renderer extension and the
 * IPayloadRenderers token (Portfolio panel, later panels) hand out this same instance.
 */
export const sharedRenderers = createRendererRegistry();
