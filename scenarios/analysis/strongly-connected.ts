/**
 * The strongly connected components of a graph of `count` vertices numbered 0..count-1, by
 * Tarjan's algorithm without recursion (a scenario can be a chain of thousands of nodes). Each
 * component is listed after every component it leads to, so a value that flows backwards along
 * the edges, such as what is still tested further on, is final for a component's successors by
 * the time the component is reached: one pass, however long the chains and cycles.
 */
export function stronglyConnected(count: number, successors: (v: number) => readonly number[]): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;
  const visit = (v: number) => {
    index[v] = low[v] = next++;
    stack.push(v);
    onStack[v] = 1;
  };
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    const calls: { v: number; out: readonly number[]; i: number }[] = [{ v: root, out: successors(root), i: 0 }];
    while (calls.length) {
      const top = calls[calls.length - 1]!;
      if (top.i < top.out.length) {
        const w = top.out[top.i++]!;
        if (index[w] === -1) {
          visit(w);
          calls.push({ v: w, out: successors(w), i: 0 });
        } else if (onStack[w]) low[top.v] = Math.min(low[top.v]!, index[w]!);
        continue;
      }
      calls.pop();
      const v = top.v;
      const caller = calls[calls.length - 1];
      if (caller) low[caller.v] = Math.min(low[caller.v]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      for (let w = -1; w !== v; ) {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      }
      components.push(component);
    }
  }
  return components;
}
