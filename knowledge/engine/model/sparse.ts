/** Sparse vectors as parallel typed arrays, indices ascending: compact and fast to iterate. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export function fromEntries(entries: Array<[number, number]>): SparseVector {
  entries.sort((a, b) => a[0] - b[0]);
  const idx = new Int32Array(entries.length);
  const val = new Float32Array(entries.length);
  entries.forEach(([i, v], k) => {
    idx[k] = i;
    val[k] = v;
  });
  return { idx, val };
}

/** Scales `v` in place to unit length (no-op for the zero vector). */
export function normalizeL2(v: SparseVector): SparseVector {
  let sum = 0;
  for (let k = 0; k < v.val.length; k += 1) sum += v.val[k]! * v.val[k]!;
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let k = 0; k < v.val.length; k += 1) v.val[k] = v.val[k]! * inv;
  }
  return v;
}
