// The Fuse a persona search must agree with, written out here rather than read from the source,
// so a change to the product's keys or weights fails the tests that compare with plain Fuse.
export const PERSONA_FUSE_KEYS = [
  { name: 'name', weight: 3 },
  { name: 'product', weight: 1 },
  { name: 'summary', weight: 1.5 },
  { name: 'attributes', weight: 1 },
  { name: 'quote', weight: 0.5 },
];
