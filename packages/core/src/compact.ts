/**
 * Keeping what the engine makes compact in V8. A replay keeps millions of keys, texts and objects, and
 * the garbage collector copies and marks every one of them: their number and size is most of its work.
 */

/**
 * A string built by concatenation is kept by V8 as a rope, one object per piece, until something reads
 * its characters. The keys and texts the engine stores are read once here, so that each is kept as one
 * flat string: about half the memory and one object instead of several. The text is unchanged.
 */
export function flatString(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * A shallow copy of an object that the caller is about to give new keys: the same own properties in
 * the same order as `{ ...source }`. In V8, adding a key to a spread copy (`{ ...source, newKey }`, or
 * a spread copy changed afterwards) gives each such object a hidden class of its own: microseconds
 * per copy, and the class stays in memory as long as the object. Object.assign builds the copy along
 * the shared hidden-class transitions instead. (It sets rather than defines properties, which differs
 * from a spread only for an own `__proto__` key: engine data never has one, since the engine only
 * ever assigns keys.) Spreads that only overwrite keys the source has are fine and stay as they are.
 */
export function copyToExtend<T extends object>(source: T): T {
  return Object.assign({}, source);
}
