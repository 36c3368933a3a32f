import fc from 'fast-check';
import { hash, type HashAlgorithm } from './hash';
import { emptyRoot, InclusionVerifier, leafHash, merkleRoot, MerkleTree, nodeHash, verifyConsistency, verifyInclusion } from './merkle';

const hex = (buffers: readonly Buffer[]) => buffers.map((b) => b.toString('hex'));
const unhex = (values: readonly string[]) => values.map((v) => Buffer.from(v, 'hex'));

// RFC 6962 test vectors as Certificate Transparency publishes them (transparency-dev/merkle
// testonly, certificate-transparency-go merkletree tests): leaves, and the root for sizes 1..8.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  leafHash('sha256', Buffer.from(h, 'hex')),
);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: Array<[index: number, size: number, proof: string[]]> = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const CT_CONSISTENCY: Array<[from: number, to: number, proof: string[]]> = [
  [1, 1, []],
  [
    2,
    8,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

/** RFC 6962's MTH written out recursively, the definition the stored-subtree tree must agree with. */
function referenceRoot(algorithm: HashAlgorithm, leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return hash(algorithm, '');
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(algorithm, referenceRoot(algorithm, leaves.slice(0, k)), referenceRoot(algorithm, leaves.slice(k)));
}

function treeOf(algorithm: HashAlgorithm, leaves: readonly Buffer[]): MerkleTree {
  const tree = new MerkleTree(algorithm);
  for (const leaf of leaves) tree.append(leaf);
  return tree;
}

const leavesOf = (algorithm: HashAlgorithm, n: number) => Array.from({ length: n }, (_, i) => leafHash(algorithm, `leaf ${i}`));

describe('Merkle tree (RFC 6962 / 9162)', () => {
  test('SHA-256 reproduces the Certificate Transparency roots for sizes 0..8', () => {
    const tree = treeOf('sha256', CT_LEAVES);
    expect(tree.root(0).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(CT_ROOTS.map((_, n) => tree.root(n + 1)))).toEqual(CT_ROOTS);
    expect(merkleRoot('sha256', CT_LEAVES.slice(0, 3)).toString('hex')).toBe(CT_ROOTS[2]);
  });

  test.each(CT_INCLUSION)('SHA-256 inclusion proof of leaf %i in a tree of %i is the published one, and verifies', (index, size, proof) => {
    const tree = treeOf('sha256', CT_LEAVES);
    expect(hex(tree.inclusionProof(index, size))).toEqual(proof);
    expect(verifyInclusion('sha256', CT_LEAVES[index], index, size, unhex(proof), Buffer.from(CT_ROOTS[size - 1], 'hex'))).toBe(true);
  });

  test.each(CT_CONSISTENCY)('SHA-256 consistency proof from %i to %i is the published one, and verifies', (from, to, proof) => {
    const tree = treeOf('sha256', CT_LEAVES);
    expect(hex(tree.consistencyProof(from, to))).toEqual(proof);
    const [fromRoot, toRoot] = [from, to].map((n) => Buffer.from(CT_ROOTS[n - 1], 'hex'));
    expect(verifyConsistency('sha256', from, to, fromRoot, toRoot, unhex(proof))).toBe(true);
  });

  test('leaves and nodes are domain-separated: a node is not a leaf of its concatenation', () => {
    const [a, b] = leavesOf('sm3', 2);
    expect(nodeHash('sm3', a, b)).not.toEqual(leafHash('sm3', Buffer.concat([a, b])));
    expect(leafHash('sm3', '')).toEqual(hash('sm3', Buffer.from([0])));
    expect(emptyRoot('sm3')).toEqual(hash('sm3', ''));
  });

  test('the tree agrees with the recursive definition at every size, for SM3 and SHA-256', () => {
    fc.assert(
      fc.property(fc.constantFrom<HashAlgorithm>('sm3', 'sha256'), fc.integer({ min: 0, max: 70 }), (algorithm, n) => {
        const leaves = leavesOf(algorithm, n);
        const tree = treeOf(algorithm, leaves);
        for (let size = 0; size <= n; size++) expect(tree.root(size)).toEqual(referenceRoot(algorithm, leaves.slice(0, size)));
      }),
      { numRuns: 40 },
    );
  });

  test('every inclusion proof verifies, and a wrong leaf, index, root or proof does not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HashAlgorithm>('sm3', 'sha256'),
        fc.integer({ min: 1, max: 200 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))),
        fc.integer({ min: 0, max: 40 }),
        (algorithm, [size, index], extra) => {
          const tree = treeOf(algorithm, leavesOf(algorithm, size + extra));
          const proof = tree.inclusionProof(index, size);
          const root = tree.root(size);
          const leaf = tree.leaf(index);
          expect(verifyInclusion(algorithm, leaf, index, size, proof, root)).toBe(true);
          expect(verifyInclusion(algorithm, leafHash(algorithm, 'forged'), index, size, proof, root)).toBe(false);
          if (size > 1) {
            expect(verifyInclusion(algorithm, leaf, (index + 1) % size, size, proof, root)).toBe(false);
            const flipped = proof.map((p) => Buffer.from(p));
            flipped[0][0] ^= 1;
            expect(verifyInclusion(algorithm, leaf, index, size, flipped, root)).toBe(false);
            expect(verifyInclusion(algorithm, leaf, index, size, proof.slice(1), root)).toBe(false);
          }
          expect(verifyInclusion(algorithm, leaf, index, size, [...proof, leaf], root)).toBe(false);
          expect(verifyInclusion(algorithm, leaf, index, size, proof, leafHash(algorithm, 'other root'))).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('every consistency proof verifies, and a wrong root, size or proof does not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HashAlgorithm>('sm3', 'sha256'),
        fc.integer({ min: 1, max: 200 }).chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to))),
        (algorithm, [from, to]) => {
          const tree = treeOf(algorithm, leavesOf(algorithm, to));
          const proof = tree.consistencyProof(from, to);
          const [fromRoot, toRoot] = [tree.root(from), tree.root(to)];
          expect(verifyConsistency(algorithm, from, to, fromRoot, toRoot, proof)).toBe(true);
          if (from < to) {
            expect(verifyConsistency(algorithm, from, to, leafHash(algorithm, 'x'), toRoot, proof)).toBe(false);
            expect(verifyConsistency(algorithm, from, to, fromRoot, leafHash(algorithm, 'x'), proof)).toBe(false);
            const flipped = proof.map((p) => Buffer.from(p));
            flipped[flipped.length - 1][5] ^= 0x80;
            expect(verifyConsistency(algorithm, from, to, fromRoot, toRoot, flipped)).toBe(false);
            expect(verifyConsistency(algorithm, from, to, fromRoot, toRoot, proof.slice(0, -1))).toBe(false);
            // A different history of the same length is not consistent with the first.
            const other = treeOf(algorithm, [leafHash(algorithm, 'rewritten'), ...leavesOf(algorithm, to).slice(1)]);
            expect(verifyConsistency(algorithm, from, to, fromRoot, other.root(to), proof)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('the inclusion verifier for many proofs gives the verdicts of verifyInclusion, in order or not, tampered proofs included', () => {
    const hex = (proof: readonly Buffer[]) => proof.map((p) => p.toString('hex'));
    fc.assert(
      fc.property(
        fc.constantFrom<HashAlgorithm>('sm3', 'sha256'),
        fc.integer({ min: 1, max: 150 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('intact', 'flip', 'short', 'long', 'index', 'leaf', 'upper', 'swap')), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.boolean(),
        (algorithm, size, operations, inOrder) => {
          const tree = treeOf(algorithm, leavesOf(algorithm, size + 3));
          const root = tree.root(size);
          const verifier = new InclusionVerifier(algorithm, size, root);
          operations.forEach(([pick, how], i) => {
            const index = inOrder ? i % size : pick % size;
            let leaf = tree.leaf(index);
            let at = index;
            let proof = tree.inclusionProof(index, size);
            if (how === 'flip' && proof.length > 0) {
              proof = proof.map((p, j) => (j === pick % proof.length ? Buffer.from(p.map((byte, k) => (k === 7 ? byte ^ 1 : byte))) : p));
            } else if (how === 'short') proof = proof.slice(0, -1);
            else if (how === 'long') proof = [...proof, leaf];
            else if (how === 'index') at = (index + 1) % size;
            else if (how === 'leaf') leaf = leafHash(algorithm, 'forged');
            else if (how === 'swap' && proof.length > 1) proof = [proof[1], proof[0], ...proof.slice(2)];
            const strings = how === 'upper' ? hex(proof).map((p) => p.toUpperCase()) : hex(proof);
            expect(verifier.verify(leaf, at, strings)).toBe(verifyInclusion(algorithm, leaf, at, size, proof, root));
          });
          expect(verifier.verify(tree.leaf(0), 0, ['zz'.repeat(32)])).toBe(false);
          expect(verifier.verify(tree.leaf(0), size, hex(tree.inclusionProof(0, size)))).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  });

  test('a proof of another length is walked to the end: sharing a state with the last good proof is not enough', () => {
    const tree = treeOf('sm3', leavesOf('sm3', 40));
    const verifier = new InclusionVerifier('sm3', 40, tree.root(40));
    const hex = (proof: readonly Buffer[]) => proof.map((p) => p.toString('hex'));
    expect(verifier.verify(tree.leaf(32), 32, hex(tree.inclusionProof(32, 40)))).toBe(true);
    for (let index = 0; index < 40; index++) {
      const proof = hex(tree.inclusionProof(index, 40));
      expect(verifier.verify(tree.leaf(index), index, proof.slice(0, -1))).toBe(false);
      expect(verifier.verify(tree.leaf(index), index, proof)).toBe(true);
    }
  });

  test('proofs are refused for leaves or sizes the tree does not have', () => {
    const tree = treeOf('sm3', leavesOf('sm3', 5));
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 6)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 3)).toThrow(RangeError);
    expect(() => tree.append(Buffer.alloc(31))).toThrow(RangeError);
    expect(verifyInclusion('sm3', tree.leaf(0), 5, 5, [], tree.root())).toBe(false);
    expect(verifyConsistency('sm3', 0, 5, emptyRoot('sm3'), tree.root(), [])).toBe(true);
    expect(verifyConsistency('sm3', 3, 3, tree.root(3), tree.root(3), [tree.leaf(0)])).toBe(false);
  });
});
