// Reusable scratch for searches: typed arrays that grow when a search needs more room, and a
// min-heap of documents by bound kept in them (a search makes little garbage).

export function grown<T extends Int32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/** A binary min-heap of documents by bound. */
export class Heap {
  private keys = new Float64Array(256);
  private values = new Int32Array(256);
  size = 0;

  peek(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      this.keys = grown(this.keys, this.size * 2);
      this.values = grown(this.values, this.size * 2);
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  pop(): number {
    const top = this.values[0]!;
    const key = this.keys[--this.size]!;
    const value = this.values[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.values[i] = this.values[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }
}
