import { INPUT_CODES, inputProblem, MAX_INPUT_DEPTH } from './validation';

const refused = (value: unknown, path?: string) => {
  const problem = inputProblem(value, path);
  return problem && { status: problem.getStatus(), code: problem.code, fields: problem.errors?.map((e) => e.field) };
};

describe('input the platform refuses at the edge', () => {
  it('names the field holding a NUL character or a lone surrogate', () => {
    expect(refused({ name: '金水区委', rows: [{ code: 'A' }, { code: 'B\u0000' }] })?.fields).toEqual(['rows[1].code']);
    expect(refused({ note: 'x\ud800y' })?.fields).toEqual(['note']);
    expect(refused('a\u0000b', 'code')?.fields).toEqual(['code']);
    expect(refused({ ['k\u0000']: 1 })?.fields).toEqual(['k\u0000']);
  });

  it('passes well-formed text, including Chinese and characters outside the BMP', () => {
    expect(inputProblem({ name: '郑州市纪委监委', emoji: '𠀀📄', n: 3, flag: true, nothing: null })).toBeUndefined();
  });

  it('refuses a national ID number in any field, naming it', () => {
    expect(refused({ reason: '调离 410102199003074511' })).toEqual({ status: 400, code: 'REQUEST.INVALID', fields: ['reason'] });
    expect(refused({ contact: { phone: '110105491231002' } })?.fields).toEqual(['contact.phone']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %p instead of dropping it', (key) => {
    expect(refused(JSON.parse(`{"name":"x","nested":{"${key}":{"polluted":true}}}`))?.fields).toEqual([`nested.${key}`]);
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels without a recursive walk`, () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    expect(refused(deep)).toEqual({ status: 400, code: INPUT_CODES.tooDeep, fields: undefined });
    const arrays = JSON.parse(`${'['.repeat(65)}${']'.repeat(65)}`);
    expect(refused(arrays)?.code).toBe(INPUT_CODES.tooDeep);
    const fine = JSON.parse(`${'['.repeat(63)}"ok"${']'.repeat(63)}`);
    expect(inputProblem(fine)).toBeUndefined();
  });
});
