/**
 * PLOVER type families for matching across documents: a story's mentions share one family. Each current
 * type is its own family (talks, threats, rejections, fighting and appeals never share a story); the names
 * earlier PLOVER drafts used for the same acts (DEMAND for REQUEST, DISAPPROVE for ACCUSE), which older
 * codings and other coders' output still carry, fall in the family of the current type.
 */
const FAMILY_OF: Readonly<Record<string, string>> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
};

export function typeFamily(plover: string): string {
  const type = plover.toUpperCase();
  return FAMILY_OF[type] ?? type;
}
