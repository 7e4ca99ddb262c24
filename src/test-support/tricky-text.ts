/** Pieces that exercise every rule of cleanLines: spaces, breaks, invisibles, marks, NFC, surrogates. */
export const TRICKY_PIECES = [
  'a', 'b', 'Z', '7', '.', ',', '"', ' ', '  ', '\t', '\u00a0', '\u2009', '\u3000', '\u2000', '\n', '\n\n', '\r\n', '\r',
  '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\u00ad', '\u200b', '\u2060', '\ufeff', '\u0007', '\u001b', '\u0000',
  '\u0080', '\u009f', '\u0301', '\u0323', '\u0335', 'e\u0301', '\u00e9', '\u212b', '\u2126', '\u0958', '\u0344', '\u1100',
  '\u1161', '\u11a8', '\uac00', '\ud83d\ude00', '\ud83d', '\ude00', '\u05d0', '\u0627', '\u201c', '\u2014', '\u00c5',
];
