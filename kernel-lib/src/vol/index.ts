/**
 * Volatility engine: univariate ARCH-family models (GARCH, GJR, TARCH, EGARCH, EWMA, constant;
 * normal, t, skew-t, GED; constant/zero/AR mean) at arch's accuracy, forecasts, VaR/ES and their
 * backtests, rolling re-fits, DCC, model grids with Akaike weights and batch fitting.
 */
export * from './types';
export { ArchModel } from './model';
export type { ModelOptions } from './model';
export { estimate, parameterCovariance } from './estimate';
export type { CovType, Estimate, EstimateOptions } from './estimate';
export { fitGarch, fixGarch, buildModel } from './fit';
export type { FitOptions } from './fit';
export { GarchResult } from './result';
export type { VolatilityPayload } from './result';
export { buildDist, buildMean, buildVol, specLabel, VOL_NAMES, DIST_NAMES, MEAN_NAMES } from './spec';
export type { GarchSpec, MeanName, VolName, DistName } from './spec';
export { checkSeries, MIN_OBSERVATIONS } from './validate';
export { Garch } from './process/garch';
export { Egarch } from './process/egarch';
export { Ewma } from './process/ewma';
export { ConstantVariance } from './process/constant';
export { Normal } from './dist/normal';
export { StudentsT } from './dist/studentt';
export { SkewStudent } from './dist/skewt';
export { GeneralizedError } from './dist/ged';
export { ConstantMean, ZeroMean, ArMean } from './mean/models';
export { forecastModel, oneStepVariance } from './forecast/forecast';
export type { ForecastMethod, ForecastOptions, VolForecast } from './forecast/forecast';
export { valueAtRisk, empiricalVar, tailMean } from './risk/var';
export type { VarEstimate } from './risk/var';
export { backtestVar, kupiecPof, christoffersenIndependence, varHits } from './risk/backtest';
export type { LrTest, VarBacktest } from './risk/backtest';
export { rollingForecast } from './forecast/rolling';
export type { RollingOptions, RollingResult } from './forecast/rolling';
export { fitMany } from './batch/fitMany';
export type { FitManyOptions } from './batch/fitMany';
export type { BatchFitResult, BatchFitOptions } from './batch/fitOne';
export { fitDcc, fitDccCorrelation, dccCorrelationLoglik, dccTargets, DccResult } from './multivariate/dcc';
export type { DccOptions, DccEstimate, DccForecast } from './multivariate/dcc';
export { fitGrid, standardGrid, GridResult } from './ensemble/grid';
export type { GridEntry, Criterion } from './ensemble/grid';
export { NEGLIGIBLE_WEIGHT, informationWeights } from './ensemble/weights';
