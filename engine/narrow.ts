/**
 * Integer arrays stored in the narrowest unsigned width that holds them (1, 2 or 4 bytes
 * a value), as base64. The compiled automaton's arrays hold state numbers, classes and
 * counts that mostly fit 8 or 16 bits, and every page reads the stored matcher from
 * extension storage before it can paint: extension storage answers in proportion to the
 * value's size (bench/ANALYSIS.md). In memory the arrays keep their full width.
 *
 * A `bias` is added before storing (and subtracted after reading) so that an array with
 * -1 for "none" stores as unsigned.
 */
import { base64ByteLength, decodeBase64Into, toBase64, typedFromBase64 } from './base64';

export type Width = 1 | 2 | 4;
export const WIDTHS: readonly Width[] = [1, 2, 4];

const NARROW = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array } as const;

/** The narrowest width for `values` (+ bias), and the values in it as base64. */
export function encodeNarrow(values: ArrayLike<number>, bias = 0): { width: Width; base64: string } {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! + bias;
    if (v < 0 || v > 0xffffffff || !Number.isInteger(v)) throw new Error(`narrow: ${values[i]} cannot be stored`);
    if (v > max) max = v;
  }
  const width: Width = max <= 0xff ? 1 : max <= 0xffff ? 2 : 4;
  const out = new NARROW[width](values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! + bias;
  return { width, base64: toBase64(out) };
}

/** How many values `byteLength` bytes of `width`-byte values are; throws when not a whole number. */
export function narrowCount(byteLength: number, width: Width): number {
  if (byteLength % width !== 0) throw new Error(`narrow: ${byteLength} bytes are not a whole number of ${width}-byte values`);
  return byteLength / width;
}

type FullWidth = Uint16Array | Uint32Array | Int32Array;

/** Decodes `base64` (values of `width` bytes) into a new `Ctor` array, subtracting `bias`. */
export function decodeNarrow<T extends FullWidth>(Ctor: new (length: number) => T, base64: string, width: Width, bias = 0): T {
  const out = new Ctor(narrowCount(base64ByteLength(base64), width));
  decodeNarrowInto(out, base64, width, bias);
  return out;
}

/** Decodes `base64` (values of `width` bytes) into `target` (same count), subtracting `bias`. */
export function decodeNarrowInto(target: FullWidth, base64: string, width: Width, bias = 0): void {
  if (width > target.BYTES_PER_ELEMENT) throw new Error(`narrow: ${width}-byte values for an array of ${target.BYTES_PER_ELEMENT}-byte ones`);
  if (bias === 0 && width === target.BYTES_PER_ELEMENT) {
    // Same width: straight into the target's memory (no second buffer).
    if (base64ByteLength(base64) !== target.byteLength) throw new Error(`narrow: ${base64ByteLength(base64)} bytes for an array of ${target.byteLength}`);
    decodeBase64Into(new Uint8Array(target.buffer, target.byteOffset, target.byteLength), base64);
    return;
  }
  const values = typedFromBase64<Uint8Array | Uint16Array | Uint32Array>(NARROW[width], base64);
  if (values.length !== target.length) throw new Error(`narrow: ${values.length} values for an array of ${target.length}`);
  if (bias === 0) {
    // Widening copy in native code (a Uint32 into an Int32 array keeps its bits).
    target.set(values);
    return;
  }
  for (let i = 0; i < values.length; i++) target[i] = values[i]! - bias;
}
