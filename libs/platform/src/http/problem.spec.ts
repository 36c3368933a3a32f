import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import type { ValidationError } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@app/domain';
import { HttpProblem, toProblem } from './problem';
import { fieldErrors, invalidRequest } from './validation';

const request = { instance: '/units/U1', correlationId: 'corr-1' };

describe('toProblem', () => {
  it.each<[DomainErrorKind, number]>([
    ['invalid', 422],
    ['conflict', 409],
    ['not_found', 404],
    ['forbidden', 403],
    ['precondition', 412],
  ])('maps a DomainError of kind %s to %i with its code and message', (kind, status) => {
    const { body, unexpected } = toProblem(new DomainError('UNIT.SOMETHING', 'Unit U1 says no.', kind, { unit: 'U1' }), request);
    expect(body).toEqual({
      type: '/problems/unit.something',
      title: expect.any(String),
      status,
      detail: 'Unit U1 says no.',
      code: 'UNIT.SOMETHING',
      instance: '/units/U1',
      correlationId: 'corr-1',
      details: { unit: 'U1' },
    });
    expect(unexpected).toBeUndefined();
  });

  it('keeps an HttpProblem as written, with its field errors and headers', () => {
    const problem = new HttpProblem({
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
      detail: 'No token.',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
    const rendered = toProblem(problem, request);
    expect(rendered.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED', detail: 'No token.', title: 'Unauthorized' });
    expect(rendered.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('keeps the status of a Nest HttpException and gives it a code', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nowhere'), request).body).toMatchObject({
      status: 404,
      code: 'REQUEST.NOT_FOUND',
      detail: 'Cannot GET /nowhere',
    });
    expect(toProblem(new HttpException('slow down', 429), request).body).toMatchObject({ status: 429, code: 'REQUEST.TOO_MANY' });
    expect(toProblem(new HttpException('teapot', 418), request).body).toMatchObject({ status: 418, code: 'HTTP.418' });
  });

  it('uses the errorCode of an HttpException when it has one', () => {
    expect(toProblem(new BadRequestException('no', { errorCode: 'UNIT.BAD' }), request).body.code).toBe('UNIT.BAD');
  });

  it('names malformed JSON from the body parser without echoing the body', () => {
    const parserError = Object.assign(new SyntaxError('Unexpected token s in JSON at position 9: {"secret":'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    const { body } = toProblem(new BadRequestException(parserError.message, { cause: parserError }), request);
    expect(body).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_JSON' });
    expect(body.detail).not.toContain('secret');
  });

  it('maps a too-large body to 413 REQUEST.TOO_LARGE', () => {
    const parserError = Object.assign(new Error('request entity too large'), { statusCode: 413, type: 'entity.too.large' });
    expect(toProblem(new HttpException('request entity too large', 413, { cause: parserError }), request).body).toMatchObject({
      status: 413,
      code: 'REQUEST.TOO_LARGE',
    });
  });

  it('answers anything else with 500 INTERNAL and leaks neither message nor stack', () => {
    const error = new Error('duplicate key value violates unique constraint "units_pkey" SELECT * FROM units');
    const rendered = toProblem(error, request);
    expect(rendered.body).toMatchObject({ status: 500, code: 'INTERNAL', correlationId: 'corr-1' });
    expect(JSON.stringify(rendered.body)).not.toMatch(/units_pkey|SELECT|at /);
    expect(rendered.unexpected).toBe(error);
  });

  it('treats a 5xx Nest HttpException as unexpected too', () => {
    const rendered = toProblem(new InternalServerErrorException('pool exhausted at db-7'), request);
    expect(rendered.body.code).toBe('INTERNAL');
    expect(rendered.body.detail).not.toContain('db-7');
  });
});

describe('fieldErrors', () => {
  const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError => ({
    property,
    constraints,
    children,
  });

  it('names each offending field with a path through objects and arrays', () => {
    const errors = [
      error('name', { isString: 'name must be a string' }),
      error('nickname', { whitelistValidation: 'property nickname should not exist' }),
      error('rows', undefined, [error('3', undefined, [error('code', { matches: 'code must match /^[A-Z]+$/' })])]),
      error('address', undefined, [error('city', { isNotEmpty: 'city should not be empty' })]),
    ];
    expect(fieldErrors(errors)).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'nickname', message: 'property nickname should not exist' },
      { field: 'rows[3].code', message: 'code must match /^[A-Z]+$/' },
      { field: 'address.city', message: 'city should not be empty' },
    ]);
  });

  it('makes a 400 REQUEST.INVALID naming the fields in its detail', () => {
    const problem = invalidRequest([
      { field: 'rows[3].code', message: 'bad' },
      { field: 'rows[3].code', message: 'worse' },
    ]);
    expect(toProblem(problem, request).body).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      detail: 'The request is not valid: rows[3].code.',
      errors: [
        { field: 'rows[3].code', message: 'bad' },
        { field: 'rows[3].code', message: 'worse' },
      ],
    });
  });
});
