import { hash as oneShot } from 'node:crypto';
import type { HashAlgorithm } from './hash';

/**
 * Merkle trees in the shape of RFC 6962 §2.1 / RFC 9162 §2.1: a leaf hash is H(0x00 ‖ data), an
 * interior node H(0x01 ‖ left ‖ right), a tree of n leaves splits at the largest power of two
 * below n, and the empty tree's hash is H(""). With SHA-256 this is Certificate Transparency's
 * tree (its test vectors hold, see merkle.spec.ts); SM3 is the same construction with SM3.
 * Both digests are 32 bytes.
 */

const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// One-shot digests (no Hash object per call): the verifier computes a few per event.
export function leafHash(algorithm: HashAlgorithm, data: Buffer | string): Buffer {
  // U+0000 is the single byte 0x00 in UTF-8.
  return oneShot(algorithm, typeof data === 'string' ? `\0${data}` : Buffer.concat([LEAF_PREFIX, data]), 'buffer');
}

export function nodeHash(algorithm: HashAlgorithm, left: Buffer, right: Buffer): Buffer {
  return oneShot(algorithm, Buffer.concat([NODE_PREFIX, left, right], 1 + left.length + right.length), 'buffer');
}

export function emptyRoot(algorithm: HashAlgorithm): Buffer {
  return oneShot(algorithm, Buffer.alloc(0), 'buffer');
}

const PARTIAL_KEPT = 4096;

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * An append-only Merkle tree over leaf hashes, keeping every complete subtree's hash (about two
 * hashes per leaf, in one growing buffer per level), so roots, inclusion proofs and consistency
 * proofs for any earlier size cost O(log² n) hashes and appending costs O(1) amortised.
 */
export class MerkleTree {
  /** levels[k] holds the hashes of the complete subtrees of 2^k leaves, left to right. */
  private readonly levels: Buffer[] = [Buffer.alloc(0)];
  private readonly counts: number[] = [0];
  /**
   * Hashes of incomplete subtrees (at the right edge of some tree size) computed before. The tree
   * only grows, so they never change; without them every proof in one tree size recomputes the
   * same right edge, O(log² n) hashes each.
   */
  private readonly partial = new Map<string, Buffer>();

  constructor(readonly algorithm: HashAlgorithm) {}

  get size(): number {
    return this.counts[0];
  }

  /** Appends a leaf given by its leaf hash (see {@link leafHash}). */
  append(leaf: Buffer): void {
    if (leaf.length !== HASH_BYTES) throw new RangeError(`a leaf hash has ${HASH_BYTES} bytes, not ${leaf.length}`);
    let hash = leaf;
    for (let level = 0; ; level++) {
      this.push(level, hash);
      if (this.counts[level] % 2 === 1) return;
      hash = nodeHash(this.algorithm, this.at(level, this.counts[level] - 2), hash);
    }
  }

  /** The hash of leaf `index` (0-based). */
  leaf(index: number): Buffer {
    this.checkSize(index + 1);
    return this.at(0, index);
  }

  /** The root of the tree of the first `size` leaves. */
  root(size = this.size): Buffer {
    this.checkSize(size);
    return size === 0 ? emptyRoot(this.algorithm) : this.range(0, size);
  }

  /** RFC 6962 PATH(index, D[0:size]): the sibling hashes from the leaf up to the root. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const proof: Buffer[] = [];
    this.path(index, 0, size, proof);
    return proof;
  }

  /** RFC 6962 PROOF(from, D[0:to]): what proves the tree of `from` leaves is a prefix of the tree of `to`. */
  consistencyProof(from: number, to = this.size): Buffer[] {
    this.checkSize(to);
    if (!Number.isSafeInteger(from) || from < 0 || from > to) throw new RangeError(`cannot prove size ${from} consistent with ${to}`);
    const proof: Buffer[] = [];
    if (from > 0 && from < to) this.subproof(from, 0, to, true, proof);
    return proof;
  }

  /** MTH(D[start:end]): a stored complete subtree where one fits, else split as RFC 6962 does. */
  private range(start: number, end: number): Buffer {
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const level = Math.log2(n);
      if (level < this.levels.length && start / n < this.counts[level]) return this.at(level, start / n);
    }
    const key = `${start}:${end}`;
    const known = this.partial.get(key);
    if (known) return known;
    const k = splitPoint(n);
    const hash = nodeHash(this.algorithm, this.range(start, start + k), this.range(start + k, end));
    if (this.partial.size >= PARTIAL_KEPT) this.partial.clear();
    this.partial.set(key, hash);
    return hash;
  }

  private path(index: number, start: number, end: number, proof: Buffer[]): void {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (index < start + k) {
      this.path(index, start, start + k, proof);
      proof.push(this.range(start + k, end));
    } else {
      this.path(index, start + k, end, proof);
      proof.push(this.range(start, start + k));
    }
  }

  private subproof(m: number, start: number, end: number, whole: boolean, proof: Buffer[]): void {
    const n = end - start;
    if (m === n) {
      if (!whole) proof.push(this.range(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, start + k, whole, proof);
      proof.push(this.range(start + k, end));
    } else {
      this.subproof(m - k, start + k, end, false, proof);
      proof.push(this.range(start, start + k));
    }
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${size}`);
  }

  private at(level: number, index: number): Buffer {
    return this.levels[level].subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }

  private push(level: number, hash: Buffer): void {
    if (level === this.levels.length) {
      this.levels.push(Buffer.alloc(0));
      this.counts.push(0);
    }
    const count = this.counts[level];
    let buffer = this.levels[level];
    if ((count + 1) * HASH_BYTES > buffer.length) {
      const grown = Buffer.alloc(Math.max(1024, buffer.length * 2));
      buffer.copy(grown);
      this.levels[level] = buffer = grown;
    }
    hash.copy(buffer, count * HASH_BYTES);
    this.counts[level] = count + 1;
  }
}

/** The root of the tree over these leaf hashes. */
export function merkleRoot(algorithm: HashAlgorithm, leaves: readonly Buffer[]): Buffer {
  const tree = new MerkleTree(algorithm);
  for (const leaf of leaves) tree.append(leaf);
  return tree.root();
}

/**
 * RFC 9162 §2.1.3.2: whether `proof` leads from the leaf hash at `index` to `root` in a tree of `size`.
 * Malformed input (a hash of the wrong length, an index outside the tree) is simply not a proof.
 */
export function verifyInclusion(
  algorithm: HashAlgorithm,
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
  root: Buffer,
  node: (left: Buffer, right: Buffer) => Buffer = (left, right) => nodeHash(algorithm, left, right),
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (![leaf, root, ...proof].every((h) => Buffer.isBuffer(h) && h.length === HASH_BYTES)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `fromSize` with `fromRoot` to be a prefix
 * of the tree of `toSize` with `toRoot`. Equal sizes need an empty proof and equal roots; the empty
 * tree is a prefix of every tree (empty proof).
 */
export function verifyConsistency(
  algorithm: HashAlgorithm,
  fromSize: number,
  toSize: number,
  fromRoot: Buffer,
  toRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 0 || fromSize > toSize) return false;
  if (![fromRoot, toRoot, ...proof].every((h) => Buffer.isBuffer(h) && h.length === HASH_BYTES)) return false;
  if (fromSize === toSize) return proof.length === 0 && fromRoot.equals(toRoot);
  if (fromSize === 0) return proof.length === 0 && fromRoot.equals(emptyRoot(algorithm));
  if (proof.length === 0) return false;
  const path = (fromSize & (fromSize - 1)) === 0 ? [fromRoot, ...proof] : [...proof];
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(algorithm, c, fr);
      sr = nodeHash(algorithm, c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(algorithm, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}

/**
 * Checks the inclusion proofs (hex, as a bundle carries them) of many leaves in one tree of `size`
 * with `root`, fast when they come in index order. RFC 9162 §2.1.3.2 walks a proof from the leaf
 * up; after each step what is left depends only on the position (fn, sn), the hash so far and the
 * siblings still to come. So once a proof reaches the same step, position and hash as the last
 * proof that led to the root, with the same siblings still to come, it leads to the root too, and
 * the walk stops there. Neighbouring leaves meet after about two hashes; only the siblings walked
 * are decoded from hex. The verdicts are those of {@link verifyInclusion} on each proof.
 */
export class InclusionVerifier {
  private proof: readonly string[] = [];
  private fns: number[] = [];
  private sns: number[] = [];
  private hashes: Buffer[] = [];

  constructor(
    private readonly algorithm: HashAlgorithm,
    private readonly size: number,
    private readonly root: Buffer,
  ) {}

  verify(leaf: Buffer, index: number, proof: unknown): boolean {
    const { size } = this;
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
    if (!Buffer.isBuffer(leaf) || leaf.length !== HASH_BYTES || this.root.length !== HASH_BYTES || !Array.isArray(proof)) return false;
    const steps = proof as unknown[];
    // Steps from `shared` on carry the same siblings as the last proof that led to the root.
    const last = this.proof;
    let shared = steps.length + 1;
    if (last.length === steps.length) {
      shared = steps.length;
      while (shared > 0 && steps[shared - 1] === last[shared - 1]) shared--;
    }
    const fns: number[] = [];
    const sns: number[] = [];
    const hashes: Buffer[] = [];
    let fn = index;
    let sn = size - 1;
    let r = leaf;
    for (let step = 0; step < steps.length; step++) {
      const value = steps[step];
      if (sn === 0 || typeof value !== 'string' || value.length !== 2 * HASH_BYTES) return false;
      const p = Buffer.from(value, 'hex');
      if (p.length !== HASH_BYTES) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = nodeHash(this.algorithm, p, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        r = nodeHash(this.algorithm, r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      fns.push(fn);
      sns.push(sn);
      hashes.push(r);
      if (step + 1 >= shared && this.fns[step] === fn && this.sns[step] === sn && this.hashes[step].equals(r)) {
        this.remember(steps as string[], fns, sns, hashes);
        return true;
      }
    }
    if (sn !== 0 || !r.equals(this.root)) return false;
    this.remember(steps as string[], fns, sns, hashes);
    return true;
  }

  /** The walk of a proof that led to the root; the steps after `walked` are the last one's (the proofs share them). */
  private remember(proof: string[], fns: number[], sns: number[], hashes: Buffer[]): void {
    const walked = fns.length;
    for (let step = walked; step < proof.length; step++) {
      fns.push(this.fns[step]);
      sns.push(this.sns[step]);
      hashes.push(this.hashes[step]);
    }
    this.proof = proof;
    this.fns = fns;
    this.sns = sns;
    this.hashes = hashes;
  }
}
