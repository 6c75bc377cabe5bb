declare module 'plotly.js-dist-min' {
  const Plotly: {
    react(node: HTMLElement, data: object[], layout: object, config?: object): Promise<unknown>;
    purge(node: HTMLElement): void;
  };
  export default Plotly;
}
