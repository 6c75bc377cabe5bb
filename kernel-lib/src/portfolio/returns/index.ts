export { returnsFromPrices, dropAllMissingRows } from './fromPrices';
export { meanHistoricalReturn, type ExpectedReturnOptions } from './expected';
