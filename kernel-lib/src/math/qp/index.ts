export type { QpProblem, QpOptions, QpResult } from './problem';
export { solveQp } from './activeSet';
export { checkBoxFeasibility } from './feasibility';
