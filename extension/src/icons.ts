import { LabIcon } from '@jupyterlab/ui-components';

// Our own simple glyphs; `jp-icon3` fills follow the light/dark theme.
const svg = (body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24"><g class="jp-icon3" fill="#616161">${body}</g></svg>`;

/** Alpha Factory: an alpha sign inside a frame. */
export const alphaFactoryIcon = new LabIcon({
  name: 'alpha-factory:main',
  svgstr: svg(
    '<path d="M3 3h18v18H3V3zm2 2v14h14V5H5z"/><path d="M15.6 16.5c-.7 0-1.2-.5-1.6-1.4-.6 1-1.5 1.4-2.6 1.4-2 0-3.2-1.7-3.2-4.3S9.5 7.8 11.6 7.8c1.2 0 2 .6 2.5 1.6l.4-1.4h2l-1.4 4.6.6 1.9c.1.3.3.4.5.4l.3-.1.2 1.5c-.3.1-.7.2-1.1.2zm-4-1.8c.9 0 1.6-.8 1.9-2.2l-.2-.8c-.3-1.4-.9-2.1-1.7-2.1-1 0-1.5 1.1-1.5 2.6s.5 2.5 1.5 2.5z"/>',
  ),
});

/** GPU Jobs: a chip. */
export const gpuJobsIcon = new LabIcon({
  name: 'alpha-factory:gpu-jobs',
  svgstr: svg(
    '<path d="M7 7h10v10H7V7zm2 2v6h6V9H9z"/><path d="M9 2h2v3H9V2zm4 0h2v3h-2V2zM9 19h2v3H9v-3zm4 0h2v3h-2v-3zM2 9h3v2H2V9zm0 4h3v2H2v-2zm17-4h3v2h-3V9zm0 4h3v2h-3v-2z"/>',
  ),
});

/** Portfolio: a rising line over axes. */
export const portfolioIcon = new LabIcon({
  name: 'alpha-factory:portfolio',
  svgstr: svg('<path d="M3 3h2v16h16v2H3V3z"/><path d="M7 15.6l4.3-4.9 3 2.6 4.6-6 1.6 1.2-5.9 7.6-3-2.6-3.1 3.5L7 15.6z"/>'),
});
