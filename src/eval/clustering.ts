/**
 * Scores of a clustering against gold clusters over the same items: pairwise (over the pairs of items put
 * together) and B-cubed (per item, the share of its predicted cluster that shares its gold cluster, and
 * the reverse; Bagga & Baldwin 1998), each as precision, recall and F1.
 */

export interface ClusterScores {
  pairwise: { precision: number; recall: number; f1: number };
  bcubed: { precision: number; recall: number; f1: number };
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function groups(assignment: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [item, cluster] of assignment) {
    const members = out.get(cluster);
    if (members) members.push(item);
    else out.set(cluster, [item]);
  }
  return out;
}

/** `gold` and `predicted` map each item to its cluster; items missing from `predicted` are singletons. */
export function clusterScores(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): ClusterScores {
  const predictedOf = (item: string) => predicted.get(item) ?? `\u0000${item}`;
  const joint = new Map<string, number>();
  for (const [item, cluster] of gold) {
    const key = `${cluster}\u0001${predictedOf(item)}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const goldSize = new Map([...groups(gold)].map(([cluster, items]) => [cluster, items.length]));
  const predictedSize = new Map<string, number>();
  for (const item of gold.keys()) predictedSize.set(predictedOf(item), (predictedSize.get(predictedOf(item)) ?? 0) + 1);
  const pairs = (n: number) => (n * (n - 1)) / 2;
  let together = 0;
  for (const n of joint.values()) together += pairs(n);
  const predictedPairs = [...predictedSize.values()].reduce((sum, n) => sum + pairs(n), 0);
  const goldPairs = [...goldSize.values()].reduce((sum, n) => sum + pairs(n), 0);
  const pairwiseP = predictedPairs === 0 ? 1 : together / predictedPairs;
  const pairwiseR = goldPairs === 0 ? 1 : together / goldPairs;
  let precision = 0;
  let recall = 0;
  for (const [key, n] of joint) {
    const [goldCluster, predictedCluster] = key.split('\u0001') as [string, string];
    // Each of the n items in this cell contributes n / |its cluster|.
    precision += (n * n) / predictedSize.get(predictedCluster)!;
    recall += (n * n) / goldSize.get(goldCluster)!;
  }
  const items = gold.size;
  const bp = items === 0 ? 0 : precision / items;
  const br = items === 0 ? 0 : recall / items;
  return {
    pairwise: { precision: pairwiseP, recall: pairwiseR, f1: f1(pairwiseP, pairwiseR) },
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
  };
}
