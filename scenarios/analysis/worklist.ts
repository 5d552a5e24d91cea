/** A worklist that hands out the pending node with the lowest number first (a binary heap without repeats). */
export class Worklist {
  private heap: number[] = [];
  private inHeap = new Set<number>();

  /** Queues a node number unless it is already pending. */
  push(n: number) {
    if (this.inHeap.has(n)) return;
    this.inHeap.add(n);
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]! <= n) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = n;
  }

  /** The lowest pending number, or undefined when none is left. */
  pop(): number | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r]! < h[l]! ? r : l;
        if (h[c]! >= last) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    this.inHeap.delete(top);
    return top;
  }
}
