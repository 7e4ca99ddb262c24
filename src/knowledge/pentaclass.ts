/**
 * The UTD / ConfliBERT PentaClass of a CAMEO code: 0 public statements and appeals (01–02), 1 verbal
 * cooperation (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13 and 16, reduce relations),
 * 4 material conflict (14–15, 17–20).
 */
export function pentaclassOf(cameo: string): number | undefined {
  const root = Number(cameo.slice(0, 2));
  if (!Number.isInteger(root) || root < 1 || root > 20) return undefined;
  if (root <= 2) return 0;
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13 || root === 16) return 3;
  return 4;
}
