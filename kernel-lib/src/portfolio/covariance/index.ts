export { sampleCov, pairwiseCovariance, type CovarianceOptions } from './sample';
export { ledoitWolf } from './ledoitWolf';
export { shrunkCovariance } from './shrunk';
export { ewmaCov, type EwmaOptions } from './ewma';
export { checkCovariance, repairPsd, volatilities, correlationFromCovariance, type CovarianceEstimate } from './estimate';
export { dccCov, type DccCovOptions } from './dcc';
