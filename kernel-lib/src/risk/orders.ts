/** An order a strategy wants to send. `quantity` is positive; `side` gives the direction. */
export interface Order {
  strategy: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  type?: 'market' | 'limit';
}

/** Notional value |quantity x price| of an order. */
export function orderNotional(o: Order): number {
  return Math.abs(o.quantity * o.price);
}

/** +1 for buy, -1 for sell. */
export function sideSign(side: Order['side']): number {
  return side === 'buy' ? 1 : -1;
}
