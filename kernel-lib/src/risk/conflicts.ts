import { type Order } from './orders';

/** Quantities below this are treated as a full offset (the reference's 0.001). */
export const NETTING_EPSILON = 0.001;

/** Opposite orders on one symbol. */
export interface OrderConflict {
  symbol: string;
  buyStrategies: string[];
  sellStrategies: string[];
  buyTotal: number;
  sellTotal: number;
  orders: Order[];
}

/** Groups orders by symbol and returns the symbols that have both buy and sell orders. */
export function detectConflicts(orders: readonly Order[]): OrderConflict[] {
  const bySymbol = new Map<string, Order[]>();
  for (const o of orders) {
    if (!bySymbol.has(o.symbol)) bySymbol.set(o.symbol, []);
    bySymbol.get(o.symbol)!.push(o);
  }
  const out: OrderConflict[] = [];
  for (const [symbol, os] of bySymbol) {
    const buys = os.filter((o) => o.side === 'buy');
    const sells = os.filter((o) => o.side === 'sell');
    if (buys.length === 0 || sells.length === 0) continue;
    out.push({
      symbol,
      buyStrategies: buys.map((o) => o.strategy),
      sellStrategies: sells.map((o) => o.strategy),
      buyTotal: buys.reduce((a, o) => a + o.quantity, 0),
      sellTotal: sells.reduce((a, o) => a + o.quantity, 0),
      orders: os,
    });
  }
  return out;
}

/** A netted order and how much of it belongs to each strategy on its side. */
export interface NettedOrder extends Order {
  resolution: 'net' | 'priority_based';
  /** Quantity attributed back to each strategy on the traded side (sums to `quantity`). */
  attribution: Record<string, number>;
}

/**
 * Resolves a conflict by trading only the net quantity `net = buyTotal - sellTotal` ON THE SIDE OF
 * ITS SIGN (buy when net > 0, sell when net < 0); a full offset (|net| < 0.001) sends nothing.
 * The order is attributed to the strategies of that side pro rata to their quantities; with
 * `priority` given (higher = more important; ties broken by `sharpe`), the order's `strategy` is the
 * most important strategy of the traded side (the reference picked the best strategy of EITHER side
 * and could send the net on the wrong side; we do not copy that).
 */
export function resolveConflict(
  c: OrderConflict,
  priority: Record<string, number> = {},
  sharpe: Record<string, number> = {},
): NettedOrder[] {
  const net = c.buyTotal - c.sellTotal;
  if (Math.abs(net) < NETTING_EPSILON) return [];
  const side: Order['side'] = net > 0 ? 'buy' : 'sell';
  const mine = c.orders.filter((o) => o.side === side);
  const total = mine.reduce((a, o) => a + o.quantity, 0);
  const qty = Math.abs(net);
  const attribution: Record<string, number> = {};
  for (const o of mine) attribution[o.strategy] = (attribution[o.strategy] ?? 0) + (qty * o.quantity) / total;
  const ranked = mine
    .slice()
    .sort((a, b) => (priority[b.strategy] ?? 0) - (priority[a.strategy] ?? 0) || (sharpe[b.strategy] ?? 0) - (sharpe[a.strategy] ?? 0));
  const lead = ranked[0];
  // Price: the quantity-weighted price of the traded side.
  const price = mine.reduce((a, o) => a + o.price * o.quantity, 0) / total;
  const hasPriority = Object.keys(priority).length > 0 || Object.keys(sharpe).length > 0;
  return [{ strategy: lead.strategy, symbol: c.symbol, side, quantity: qty, price, type: lead.type ?? 'market', resolution: hasPriority ? 'priority_based' : 'net', attribution }];
}

/**
 * Nets a batch of orders per symbol (the reference's OrderBatcher): one order per symbol for the net
 * quantity on the side of its sign, none when fully offset; one-sided symbols pass through summed.
 */
export function netOrders(orders: readonly Order[]): NettedOrder[] {
  const symbols = [...new Set(orders.map((o) => o.symbol))];
  const out: NettedOrder[] = [];
  for (const symbol of symbols) {
    const os = orders.filter((o) => o.symbol === symbol);
    const buyTotal = os.filter((o) => o.side === 'buy').reduce((a, o) => a + o.quantity, 0);
    const sellTotal = os.filter((o) => o.side === 'sell').reduce((a, o) => a + o.quantity, 0);
    const c: OrderConflict = { symbol, buyStrategies: [], sellStrategies: [], buyTotal, sellTotal, orders: os };
    out.push(...resolveConflict(c));
  }
  return out;
}
