import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64ByteLength, toBase64 } from '../../../engine/base64';
import { decodeNarrowInto, encodeNarrow, narrowCount } from '../../../engine/narrow';

describe('narrow integer arrays', () => {
  it('stores each array in the narrowest width that holds its largest value', () => {
    expect(encodeNarrow([0, 3, 255]).width).toBe(1);
    expect(encodeNarrow([0, 256]).width).toBe(2);
    expect(encodeNarrow([65_535]).width).toBe(2);
    expect(encodeNarrow([65_536]).width).toBe(4);
    expect(encodeNarrow([]).width).toBe(1);
    // Minus one ("none") stored with a bias of one.
    expect(encodeNarrow([-1, 254], 1).width).toBe(1);
    expect(encodeNarrow([-1, 255], 1).width).toBe(2);
  });

  it('refuses values it cannot store', () => {
    expect(() => encodeNarrow([-1])).toThrow(/cannot be stored/);
    expect(() => encodeNarrow([2 ** 32])).toThrow(/cannot be stored/);
    expect(() => encodeNarrow([1.5])).toThrow(/cannot be stored/);
  });

  it('comes back as the values it was given, in the full-width array (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 2 ** 31 - 2 }), { maxLength: 40 }), fc.constantFrom(0xff, 0xffff, 2 ** 31 - 2), (raw, cap) => {
        const values = raw.map((v) => Math.min(v, cap));
        const { width, base64 } = encodeNarrow(values, 1);
        const back = new Int32Array(values.length);
        decodeNarrowInto(back, base64, width, 1);
        expect(Array.from(back)).toEqual(values);
        const unsigned = values.map((v) => v + 1);
        const plain = encodeNarrow(unsigned);
        const u32 = new Uint32Array(narrowCount(base64ByteLength(plain.base64), plain.width));
        decodeNarrowInto(u32, plain.base64, plain.width);
        expect(Array.from(u32)).toEqual(unsigned);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses stored data that does not fit the array it is read into', () => {
    const wide = toBase64(new Uint32Array([70_000, 1]));
    // Four-byte values for a two-byte array would be cut silently.
    expect(() => decodeNarrowInto(new Uint16Array(2), wide, 4)).toThrow(/4-byte values for an array of 2-byte/);
    expect(() => decodeNarrowInto(new Uint32Array(3), wide, 4)).toThrow(/8 bytes for an array of 12/);
    expect(() => decodeNarrowInto(new Uint32Array(3), toBase64(new Uint16Array([1, 2])), 2)).toThrow(/2 values for an array of 3/);
    expect(() => narrowCount(5, 2)).toThrow(/not a whole number/);
  });
});
