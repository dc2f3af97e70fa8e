/** Sparse vectors as parallel typed arrays, indices ascending: compact and fast to iterate. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}
