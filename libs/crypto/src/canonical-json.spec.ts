import { runInNewContext } from 'node:vm';
import { canonicalJson } from './canonical-json';
import { CryptoInputError } from './crypto-error';

describe('canonicalJson', () => {
  test('reproduces the RFC 8785 §3.2.3 example', () => {
    const value = {
      // eslint-disable-next-line no-loss-of-precision -- the RFC's own literal, which parses to 333333333.3333333
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 sorting example)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew',
      '1': 'One',
      '\ud83d\ude00': 'Emoji',
      '\u0080': 'Control',
      '\u00f6': 'o umlaut',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"o umlaut","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji","\ufb33":"Hebrew"}',
    );
  });

  test('is independent of key order at every depth, keeps array order and Chinese text as is', () => {
    const a = { 单位: '郑州市某区纪委', 职务: { 名称: '书记', 分管: ['信访室', '案件审理室'] }, version: 2 };
    const b = { version: 2, 职务: { 分管: ['信访室', '案件审理室'], 名称: '书记' }, 单位: '郑州市某区纪委' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"version":2,"单位":"郑州市某区纪委","职务":{"分管":["信访室","案件审理室"],"名称":"书记"}}');
  });

  test('writes -0 as 0, a Date as its ISO string, and leaves out undefined properties as the stored JSON does', () => {
    const value = { zero: -0, at: new Date('2024-01-31T16:00:00.000Z'), optional: undefined };
    expect(canonicalJson(value)).toBe('{"at":"2024-01-31T16:00:00.000Z","zero":0}');
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  test.each([
    ['undefined at the top', undefined],
    ['undefined in an array', [1, undefined]],
    ['a function', { f: () => 1 }],
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['a bigint', { n: 1n }],
    ['a Map', { m: new Map() }],
    ['a Buffer', { b: Buffer.from('x') }],
    ['an invalid Date', { d: new Date('x') }],
    ['a lone surrogate', { s: '\ud800' }],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(expect.objectContaining({ code: 'CANONICAL_JSON.UNSUPPORTED_VALUE' }));
  });

  test('takes plain objects of another realm (JSON parsed in another context) as plain objects, but not its class instances', () => {
    expect(canonicalJson(runInNewContext('JSON.parse(\'{"b":[{"d":1,"c":2}],"a":"甲"}\')'))).toBe('{"a":"甲","b":[{"c":2,"d":1}]}');
    expect(() => canonicalJson(runInNewContext('new Map()'))).toThrow(CryptoInputError);
  });

  test('rejects a cycle and names where it is', () => {
    const cyclic: Record<string, unknown> = { a: { b: {} } };
    (cyclic.a as Record<string, Record<string, unknown>>).b.c = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(CryptoInputError);
    expect(() => canonicalJson(cyclic)).toThrow('$.a.b.c');
  });
});
