/**
 * A set of meter pairs (rapport, mutuality), each 0..100, as a bitset: one 128-bit row of four
 * 32-bit words per rapport value, bit m of a row meaning mutuality m. Operations work on whole
 * rows, so shifting every pair by a choice's deltas (with clamping) costs about a hundred word
 * operations however many pairs the set holds.
 */
import type { Comparison } from "./types";

const SIZE = 101;
const WORDS = 4;
const LEN = SIZE * WORDS;

export type MeterSet = Uint32Array;

export const emptySet = (): MeterSet => new Uint32Array(LEN);

export function singleton(rapport: number, mutuality: number): MeterSet {
  const s = emptySet();
  s[rapport * WORDS + (mutuality >>> 5)]! |= 1 << (mutuality & 31);
  return s;
}

/** Bits 0..100 of a row. */
const ROW_MASK = [0xffffffff, 0xffffffff, 0xffffffff, (1 << (SIZE - 96)) - 1];

/** A row mask with bits lo..hi (inclusive) set. */
function rangeRow(lo: number, hi: number): number[] {
  const row = [0, 0, 0, 0];
  for (let m = Math.max(0, lo); m <= Math.min(100, hi); m++) row[m >>> 5]! |= 1 << (m & 31);
  return row.map((w) => w >>> 0);
}

/** The inclusive range of values a comparison admits, or null when none. */
export function comparisonRange(c: Comparison): [number, number] | null {
  const [lo, hi] =
    c.op === "<" ? [0, c.value - 1]
    : c.op === "<=" ? [0, c.value]
    : c.op === ">" ? [c.value + 1, 100]
    : c.op === ">=" ? [c.value, 100]
    : [c.value, c.value];
  const a = Math.max(0, lo);
  const b = Math.min(100, hi);
  return a <= b ? [a, b] : null;
}

export const FULL: MeterSet = (() => {
  const s = emptySet();
  for (let r = 0; r < SIZE; r++) for (let w = 0; w < WORDS; w++) s[r * WORDS + w] = ROW_MASK[w]!;
  return s;
})();

export function isEmpty(s: MeterSet): boolean {
  for (let i = 0; i < LEN; i++) if (s[i] !== 0) return false;
  return true;
}

export function count(s: MeterSet): number {
  let n = 0;
  for (let i = 0; i < LEN; i++) {
    let v = s[i]!;
    while (v) {
      v &= v - 1;
      n++;
    }
  }
  return n;
}

export const or = (a: MeterSet, b: MeterSet): MeterSet => {
  const out = new Uint32Array(LEN);
  for (let i = 0; i < LEN; i++) out[i] = a[i]! | b[i]!;
  return out;
};

export const and = (a: MeterSet, b: MeterSet): MeterSet => {
  const out = new Uint32Array(LEN);
  for (let i = 0; i < LEN; i++) out[i] = a[i]! & b[i]!;
  return out;
};

export const andNot = (a: MeterSet, b: MeterSet): MeterSet => {
  const out = new Uint32Array(LEN);
  for (let i = 0; i < LEN; i++) out[i] = a[i]! & ~b[i]!;
  return out;
};

/** Adds b's pairs into a; returns the pairs that were new. */
export function mergeInto(a: MeterSet, b: MeterSet): MeterSet | null {
  let fresh: MeterSet | null = null;
  for (let i = 0; i < LEN; i++) {
    const n = b[i]! & ~a[i]!;
    if (n !== 0) {
      fresh ??= new Uint32Array(LEN);
      fresh[i] = n;
      a[i]! |= n;
    }
  }
  return fresh;
}

/** The pairs of s whose meters satisfy the comparisons (absent ones hold). */
export function filter(s: MeterSet, rapport: Comparison | undefined, mutuality: Comparison | undefined): MeterSet {
  const rr = rapport ? comparisonRange(rapport) : [0, 100];
  const out = new Uint32Array(LEN);
  if (!rr) return out;
  const mr = mutuality ? comparisonRange(mutuality) : [0, 100];
  if (!mr) return out;
  const mask = rangeRow(mr[0]!, mr[1]!);
  for (let r = rr[0]!; r <= rr[1]!; r++) {
    const o = r * WORDS;
    for (let w = 0; w < WORDS; w++) out[o + w] = s[o + w]! & mask[w]!;
  }
  return out;
}

/** Reads bit m (0..127) of a row at offset o. */
const bit = (s: MeterSet, o: number, m: number) => (s[o + (m >>> 5)]! >>> (m & 31)) & 1;

const rangeCache = new Map<number, number[]>();
/** Cached row mask with bits lo..hi set. */
function range(lo: number, hi: number): number[] {
  const key = lo * 128 + hi;
  let r = rangeCache.get(key);
  if (!r) rangeCache.set(key, (r = rangeRow(lo, hi)));
  return r;
}

/** The row at offset o shifted by d bits (up when d > 0), unclamped; bits past 127 are lost. */
function rawShift(src: MeterSet, o: number, d: number, res: number[]): void {
  const q = Math.abs(d) >>> 5;
  const s = Math.abs(d) & 31;
  for (let i = 0; i < WORDS; i++) {
    if (d >= 0) {
      const a = i - q >= 0 ? src[o + i - q]! : 0;
      const b = i - q - 1 >= 0 ? src[o + i - q - 1]! : 0;
      res[i] = s === 0 ? a : (a << s) | (b >>> (32 - s));
    } else {
      const a = i + q < WORDS ? src[o + i + q]! : 0;
      const b = i + q + 1 < WORDS ? src[o + i + q + 1]! : 0;
      res[i] = s === 0 ? a : (a >>> s) | (b << (32 - s));
    }
  }
}

const anyIn = (src: MeterSet, o: number, mask: number[]) =>
  ((src[o]! & mask[0]!) | (src[o + 1]! & mask[1]!) | (src[o + 2]! & mask[2]!) | (src[o + 3]! & mask[3]!)) !== 0;

const rowEmpty = (src: MeterSet, o: number) => (src[o]! | src[o + 1]! | src[o + 2]! | src[o + 3]!) === 0;

const clamp = (v: number) => (v < 0 ? 0 : v > 100 ? 100 : v);

const scratch = [0, 0, 0, 0];

/** Every pair moved by the deltas, clamped: where a choice takes the meters. */
export function shift(s: MeterSet, dr: number, dm: number): MeterSet {
  const out = new Uint32Array(LEN);
  for (let r = 0; r < SIZE; r++) {
    const o = r * WORDS;
    if (rowEmpty(s, o)) continue;
    const p = clamp(r + dr) * WORDS;
    rawShift(s, o, dm, scratch);
    for (let w = 0; w < WORDS; w++) out[p + w]! |= scratch[w]! & ROW_MASK[w]!;
    // What passes 100 stays at 100; what falls below 0 stays at 0.
    if (dm > 0 && anyIn(s, o, range(101 - dm, 100))) out[p + 3]! |= 1 << 4;
    if (dm < 0 && anyIn(s, o, range(0, -dm - 1))) out[p]! |= 1;
  }
  return out;
}

/** The pairs that the deltas take into s: the pre-image of `shift`. */
export function preShift(s: MeterSet, dr: number, dm: number): MeterSet {
  const out = new Uint32Array(LEN);
  for (let r = 0; r < SIZE; r++) {
    const o = clamp(r + dr) * WORDS;
    if (rowEmpty(s, o)) continue;
    const p = r * WORDS;
    rawShift(s, o, -dm, scratch);
    const fill = dm > 0 && bit(s, o, 100) ? range(101 - dm, 100) : dm < 0 && bit(s, o, 0) ? range(0, -dm - 1) : null;
    for (let w = 0; w < WORDS; w++) out[p + w] = (scratch[w]! & ROW_MASK[w]!) | (fill ? fill[w]! : 0);
  }
  return out;
}

/** Some pair of the set, for examples in messages. */
export function firstPair(s: MeterSet): { rapport: number; mutuality: number } | null {
  for (let r = 0; r < SIZE; r++) for (let m = 0; m < SIZE; m++) if (bit(s, r * WORDS, m)) return { rapport: r, mutuality: m };
  return null;
}

/** The lowest and highest rapport and mutuality in the set (null when empty). */
export function bounds(s: MeterSet): { rapport: [number, number]; mutuality: [number, number] } | null {
  let rlo = 101, rhi = -1, mlo = 101, mhi = -1;
  for (let r = 0; r < SIZE; r++) {
    const o = r * WORDS;
    if ((s[o]! | s[o + 1]! | s[o + 2]! | s[o + 3]!) === 0) continue;
    rlo = Math.min(rlo, r);
    rhi = r;
    for (let m = 0; m < SIZE; m++) {
      if (bit(s, o, m)) {
        mlo = Math.min(mlo, m);
        break;
      }
    }
    for (let m = 100; m >= 0; m--) {
      if (bit(s, o, m)) {
        mhi = Math.max(mhi, m);
        break;
      }
    }
  }
  return rhi < 0 ? null : { rapport: [rlo, rhi], mutuality: [mlo, mhi] };
}

export function has(s: MeterSet, rapport: number, mutuality: number): boolean {
  return bit(s, rapport * WORDS, mutuality) === 1;
}
