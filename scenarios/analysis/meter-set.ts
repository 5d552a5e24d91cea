/**
 * A set of meter pairs (rapport, mutuality), each 0..100, as a bitset: one 128-bit row of four
 * 32-bit words per rapport value, bit m of a row meaning mutuality m. Operations work on whole
 * rows, so moving every pair by a choice's deltas (with clamping) costs about a hundred word
 * operations however many pairs the set holds. The `…Into` forms write into a set the caller
 * owns: allocating typed arrays is what costs most here, so the analysis reuses scratch sets.
 * `shiftInto` is the set-wise form of what step.ts's `applyChoice` does to the meters, and
 * `filterInto` of a `meterRegion`; tests check them against step.ts pair by pair.
 */
import type { Interval } from "../step";

const SIZE = 101;
const WORDS = 4;
export const SET_LENGTH = SIZE * WORDS;

export type MeterSet = Int32Array;

export const emptySet = (): MeterSet => new Int32Array(SET_LENGTH);

/**
 * Hands out sets carved from large shared buffers. Each typed array with its own buffer costs a
 * separate allocation that the garbage collector must track, which made an analysis of ten
 * thousand nodes spend most of its time collecting; sets from an arena live and die together.
 */
export class SetArena {
  private buffer = new ArrayBuffer(0);
  private used = 0;
  constructor(private readonly setsPerChunk = 1024) {}

  alloc(): MeterSet {
    if (this.used === this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(this.setsPerChunk * SET_LENGTH * 4);
      this.used = 0;
    }
    const s = new Int32Array(this.buffer, this.used, SET_LENGTH);
    this.used += SET_LENGTH * 4;
    return s;
  }

  copy(src: MeterSet): MeterSet {
    const s = this.alloc();
    s.set(src);
    return s;
  }
}

export function singleton(rapport: number, mutuality: number): MeterSet {
  const s = emptySet();
  s[rapport * WORDS + (mutuality >>> 5)]! |= 1 << (mutuality & 31);
  return s;
}

/** A row mask with bits lo..hi (inclusive) set. */
function rangeRow(lo: number, hi: number): Int32Array {
  const row = new Int32Array(WORDS);
  for (let m = Math.max(0, lo); m <= Math.min(100, hi); m++) row[m >>> 5]! |= 1 << (m & 31);
  return row;
}

const rangeCache = new Map<number, Int32Array>();
/** Cached row mask with bits lo..hi set. */
function range(lo: number, hi: number): Int32Array {
  const key = lo * 128 + hi;
  let r = rangeCache.get(key);
  if (!r) rangeCache.set(key, (r = rangeRow(lo, hi)));
  return r;
}

/** Bits 0..100 of a row. */
const ROW_MASK = range(0, 100);

export const FULL: MeterSet = (() => {
  const s = emptySet();
  for (let r = 0; r < SIZE; r++) for (let w = 0; w < WORDS; w++) s[r * WORDS + w] = ROW_MASK[w]!;
  return s;
})();

export function isEmpty(s: MeterSet): boolean {
  for (let i = 0; i < SET_LENGTH; i++) if (s[i] !== 0) return false;
  return true;
}

export function count(s: MeterSet): number {
  let n = 0;
  for (let i = 0; i < SET_LENGTH; i++) {
    let v = s[i]!;
    while (v) {
      v &= v - 1;
      n++;
    }
  }
  return n;
}

export function orInto(a: MeterSet, b: MeterSet): MeterSet {
  for (let i = 0; i < SET_LENGTH; i++) a[i]! |= b[i]!;
  return a;
}

export function andInto(a: MeterSet, b: MeterSet): MeterSet {
  for (let i = 0; i < SET_LENGTH; i++) a[i]! &= b[i]!;
  return a;
}

/** Removes b's pairs from a, in place; returns whether a still has any. */
export function andNotInto(a: MeterSet, b: MeterSet): boolean {
  let any = 0;
  for (let i = 0; i < SET_LENGTH; i++) any |= a[i]! &= ~b[i]!;
  return any !== 0;
}

export const or = (a: MeterSet, b: MeterSet): MeterSet => orInto(a.slice(), b);
export const and = (a: MeterSet, b: MeterSet): MeterSet => andInto(a.slice(), b);
export const andNot = (a: MeterSet, b: MeterSet): MeterSet => {
  const out = a.slice();
  andNotInto(out, b);
  return out;
};

/** Adds src's pairs into target; returns whether any was new. */
export function mergeInto(target: MeterSet, src: MeterSet): boolean {
  let fresh = 0;
  for (let i = 0; i < SET_LENGTH; i++) {
    const t = target[i]!;
    const n = src[i]! & ~t;
    fresh |= n;
    target[i] = t | n;
  }
  return fresh !== 0;
}

/**
 * Adds src's pairs into target; the pairs that were new are ORed into `fresh` (allocated when
 * null). Returns `fresh`, or null when nothing was new.
 */
export function mergeNew(target: MeterSet, src: MeterSet, fresh: MeterSet | null): MeterSet | null {
  let any = false;
  for (let i = 0; i < SET_LENGTH; i++) {
    const n = src[i]! & ~target[i]!;
    if (n !== 0) {
      fresh ??= emptySet();
      fresh[i]! |= n;
      target[i]! |= n;
      any = true;
    }
  }
  return any ? fresh : null;
}

/** Writes into out the pairs of s whose rapport lies in `rapport` and mutuality in `mutuality`; returns whether any. */
export function filterInto(out: MeterSet, s: MeterSet, rapport: Interval, mutuality: Interval): boolean {
  const mask = range(mutuality[0], mutuality[1]);
  const m0 = mask[0]!, m1 = mask[1]!, m2 = mask[2]!, m3 = mask[3]!;
  if (rapport[0] > 0) out.fill(0, 0, rapport[0] * WORDS);
  if (rapport[1] < 100) out.fill(0, (rapport[1] + 1) * WORDS);
  let any = 0;
  for (let r = rapport[0]; r <= rapport[1]; r++) {
    const o = r * WORDS;
    any |= out[o] = s[o]! & m0;
    any |= out[o + 1] = s[o + 1]! & m1;
    any |= out[o + 2] = s[o + 2]! & m2;
    any |= out[o + 3] = s[o + 3]! & m3;
  }
  return any !== 0;
}

export function filter(s: MeterSet, rapport: Interval, mutuality: Interval): MeterSet {
  const out = emptySet();
  filterInto(out, s, rapport, mutuality);
  return out;
}

/** Reads bit m (0..127) of a row at offset o. */
const bit = (s: MeterSet, o: number, m: number) => (s[o + (m >>> 5)]! >>> (m & 31)) & 1;

/** The row at offset o shifted by d bits (up when d > 0), unclamped, into res; bits past 127 are lost. */
function rawShift(src: MeterSet, o: number, d: number, res: Int32Array): void {
  const q = Math.abs(d) >>> 5;
  const s = Math.abs(d) & 31;
  if (d >= 0) {
    for (let i = 0; i < WORDS; i++) {
      const a = i - q >= 0 ? src[o + i - q]! : 0;
      const b = s !== 0 && i - q - 1 >= 0 ? src[o + i - q - 1]! >>> (32 - s) : 0;
      res[i] = s === 0 ? a : (a << s) | b;
    }
  } else {
    for (let i = 0; i < WORDS; i++) {
      const a = i + q < WORDS ? src[o + i + q]! : 0;
      const b = s !== 0 && i + q + 1 < WORDS ? src[o + i + q + 1]! << (32 - s) : 0;
      res[i] = s === 0 ? a : (a >>> s) | b;
    }
  }
}

const anyIn = (src: MeterSet, o: number, mask: Int32Array) =>
  ((src[o]! & mask[0]!) | (src[o + 1]! & mask[1]!) | (src[o + 2]! & mask[2]!) | (src[o + 3]! & mask[3]!)) !== 0;

const rowEmpty = (src: MeterSet, o: number) => (src[o]! | src[o + 1]! | src[o + 2]! | src[o + 3]!) === 0;

const clamp = (v: number) => (v < 0 ? 0 : v > 100 ? 100 : v);

const scratch = new Int32Array(WORDS);

/**
 * Writes the row at offset o of src, moved up (d > 0) or down by d bits, into res[0..3]. Deltas
 * within a word (|d| < 32, nearly all of them) take the unrolled path.
 */
function moveRow(src: MeterSet, o: number, d: number, res: Int32Array): void {
  const w0 = src[o]!, w1 = src[o + 1]!, w2 = src[o + 2]!, w3 = src[o + 3]!;
  if (d > 0 && d < 32) {
    const t = 32 - d;
    res[0] = w0 << d;
    res[1] = (w1 << d) | (w0 >>> t);
    res[2] = (w2 << d) | (w1 >>> t);
    res[3] = (w3 << d) | (w2 >>> t);
  } else if (d < 0 && d > -32) {
    const u = -d;
    const t = 32 - u;
    res[0] = (w0 >>> u) | (w1 << t);
    res[1] = (w1 >>> u) | (w2 << t);
    res[2] = (w2 >>> u) | (w3 << t);
    res[3] = w3 >>> u;
  } else if (d === 0) {
    res[0] = w0;
    res[1] = w1;
    res[2] = w2;
    res[3] = w3;
  } else rawShift(src, o, d, res);
}

/** Writes into out every pair of s moved by the deltas, clamped: where a choice takes the meters. */
export function shiftInto(out: MeterSet, s: MeterSet, dr: number, dm: number): MeterSet {
  out.fill(0);
  // What passes 100 stays at 100; what falls below 0 stays at 0.
  const over = dm > 0 ? range(101 - dm, 100) : null;
  const under = dm < 0 ? range(0, -dm - 1) : null;
  const m3 = ROW_MASK[3]!;
  for (let r = 0; r < SIZE; r++) {
    const o = r * WORDS;
    if (rowEmpty(s, o)) continue;
    const p = clamp(r + dr) * WORDS;
    moveRow(s, o, dm, scratch);
    out[p]! |= scratch[0]!;
    out[p + 1]! |= scratch[1]!;
    out[p + 2]! |= scratch[2]!;
    out[p + 3]! |= scratch[3]! & m3;
    if (over && anyIn(s, o, over)) out[p + 3]! |= 1 << 4;
    if (under && anyIn(s, o, under)) out[p]! |= 1;
  }
  return out;
}

export const shift = (s: MeterSet, dr: number, dm: number): MeterSet => shiftInto(emptySet(), s, dr, dm);

/** Writes into out the pairs that the deltas take into s: the pre-image of `shift`. */
export function preShiftInto(out: MeterSet, s: MeterSet, dr: number, dm: number): MeterSet {
  const fillHigh = dm > 0 ? range(101 - dm, 100) : null;
  const fillLow = dm < 0 ? range(0, -dm - 1) : null;
  for (let r = 0; r < SIZE; r++) {
    const o = clamp(r + dr) * WORDS;
    const p = r * WORDS;
    if (rowEmpty(s, o)) {
      out[p] = out[p + 1] = out[p + 2] = out[p + 3] = 0;
      continue;
    }
    moveRow(s, o, -dm, scratch);
    const fill = fillHigh && bit(s, o, 100) ? fillHigh : fillLow && bit(s, o, 0) ? fillLow : null;
    for (let w = 0; w < WORDS; w++) out[p + w] = (scratch[w]! & ROW_MASK[w]!) | (fill ? fill[w]! : 0);
  }
  return out;
}

export const preShift = (s: MeterSet, dr: number, dm: number): MeterSet => preShiftInto(emptySet(), s, dr, dm);

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
    if (rowEmpty(s, o)) continue;
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
