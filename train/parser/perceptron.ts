/**
 * A multi-class averaged perceptron over hashed features (Collins 2002), averaged lazily: each update
 * also adds `step × change` to a second table, and the average is `weights − that / step` (Daumé 2006).
 */
export class AveragedPerceptron {
  readonly weights: Float32Array;
  private readonly timed: Float64Array;
  private step = 1;

  constructor(readonly buckets: number, readonly classes: number) {
    this.weights = new Float32Array(buckets * classes);
    this.timed = new Float64Array(buckets * classes);
  }

  /** Moves the weights of `features` towards class `good` and away from class `bad`. */
  update(features: Int32Array, count: number, good: number, bad: number): void {
    for (let f = 0; f < count; f += 1) {
      const row = features[f]! * this.classes;
      this.weights[row + good]! += 1;
      this.timed[row + good]! += this.step;
      this.weights[row + bad]! -= 1;
      this.timed[row + bad]! -= this.step;
    }
  }

  /** One training example seen, whether or not it changed the weights. */
  tick(): void {
    this.step += 1;
  }

  averaged(): Float32Array {
    const average = new Float32Array(this.weights.length);
    for (let i = 0; i < average.length; i += 1) average[i] = this.weights[i]! - this.timed[i]! / this.step;
    return average;
  }
}

/** Weights scaled to 16-bit integers, the largest magnitude to 32767; the scale is returned with them. */
export function quantise(weights: Float32Array): { table: Int16Array; scale: number } {
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest > 0 ? 32767 / largest : 1;
  const table = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i += 1) table[i] = Math.round(weights[i]! * scale);
  return { table, scale };
}
