/**
 * Word clusters of the NER (derived at training time from word embeddings, see train/ner/clusters.ts):
 * one leaf number per word, whose high digits name the coarser clusters it sits in. A word outside the
 * table has no cluster (NO_CLUSTER) at any granularity.
 */

/** Groups per level: 64 clusters, each split in 4 (256), each of those in 4 again (1,024 leaves). */
export const CLUSTER_BRANCHES = [64, 4, 4] as const;
export const LEAF_CLUSTERS = CLUSTER_BRANCHES.reduce((product, k) => product * k, 1);
export const NO_CLUSTER = -1;

/** The cluster of a leaf at level `level` (0: the coarsest, CLUSTER_BRANCHES.length - 1: the leaf). */
export function clusterAt(leaf: number, level: number): number {
  if (leaf < 0) return NO_CLUSTER;
  let divisor = 1;
  for (let l = CLUSTER_BRANCHES.length - 1; l > level; l -= 1) divisor *= CLUSTER_BRANCHES[l]!;
  return Math.floor(leaf / divisor);
}

/** The table as shipped: `word<TAB>leaf` lines, sorted by word. */
export function formatClusters(clusters: ReadonlyMap<string, number>): string {
  return [...clusters].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([word, leaf]) => `${word}\t${leaf}\n`).join('');
}

export function parseClusters(text: string, file: string): Map<string, number> {
  const clusters = new Map<string, number>();
  let line = 0;
  let at = 0;
  while (at < text.length) {
    line += 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', at);
    const leaf = tab > at && tab < end ? Number(text.slice(tab + 1, end)) : NaN;
    if (!(Number.isInteger(leaf) && leaf >= 0 && leaf < LEAF_CLUSTERS)) throw new Error(`${file}:${line}: expected WORD<TAB>CLUSTER (0–${LEAF_CLUSTERS - 1})`);
    clusters.set(text.slice(at, tab), leaf);
    at = end + 1;
  }
  return clusters;
}
