/**
 * Sort finite keys[lo..hi) ascending in place and apply the same moves to `payload` (an index
 * array), so that payload[k] tells where the k-th smallest key came from: quicksort
 * (median-of-three pivot, Hoare partition) finishing small ranges by insertion sort. V8's
 * `Float64Array.prototype.sort` goes through a generic comparison builtin per compare and is
 * several times slower on the 500-value cross-sections ranked here.
 */
export function sortFloat64WithIndex(keys: Float64Array, payload: Int32Array, lo = 0, hi = keys.length): void {
  const stack: number[] = [];
  let l = lo;
  let r = hi - 1;
  for (;;) {
    if (r - l < 16) {
      for (let i = l + 1; i <= r; i++) {
        const v = keys[i];
        const p = payload[i];
        let j = i - 1;
        while (j >= l && keys[j] > v) {
          keys[j + 1] = keys[j];
          payload[j + 1] = payload[j];
          j--;
        }
        keys[j + 1] = v;
        payload[j + 1] = p;
      }
      if (stack.length === 0) return;
      r = stack.pop() as number;
      l = stack.pop() as number;
      continue;
    }
    const m = (l + r) >> 1;
    if (keys[m] < keys[l]) swap2(keys, payload, m, l);
    if (keys[r] < keys[l]) swap2(keys, payload, r, l);
    if (keys[r] < keys[m]) swap2(keys, payload, r, m);
    const pivot = keys[m];
    let i = l - 1;
    let j = r + 1;
    for (;;) {
      do i++;
      while (keys[i] < pivot);
      do j--;
      while (keys[j] > pivot);
      if (i >= j) break;
      swap2(keys, payload, i, j);
    }
    if (j - l > r - j - 1) {
      stack.push(l, j);
      l = j + 1;
    } else {
      stack.push(j + 1, r);
      r = j;
    }
  }
}

function swap2(a: Float64Array, p: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
  const u = p[i];
  p[i] = p[j];
  p[j] = u;
}
