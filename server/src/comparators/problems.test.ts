import { TidyCsvError } from '@kpi/readers';
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors';
import { asHttpError, BenchmarkPlanError, closestColumn, MAX_LISTED_PROBLEMS, ProblemList } from './problems';

const COLUMNS = ['time_period', 'ICPC', 'Duration_0-10_days', 'all_icpcs'];

describe('closestColumn', () => {
  it.each([
    { typed: 'icpc', closest: 'ICPC' },
    { typed: 'all icpcs', closest: 'all_icpcs' },
    { typed: 'all_icpc', closest: 'all_icpcs' },
    { typed: 'Duration 0-10 days', closest: 'Duration_0-10_days' },
    { typed: 'population_estimate', closest: null },
  ])('$typed → $closest', ({ typed, closest }) => {
    expect(closestColumn(typed, COLUMNS)).toBe(closest);
  });
});

describe('ProblemList', () => {
  it.each([
    { added: 0, message: null },
    { added: 1, message: 'Cannot: problem 1.' },
    { added: 2, message: 'Cannot: problem 1 (and 1 more problem).' },
    { added: 3, message: 'Cannot: problem 1 (and 2 more problems).' },
  ])('$added problems → $message', ({ added, message }) => {
    const list = new ProblemList();
    for (let i = 1; i <= added; i++) list.add(`file.row.${i}`, `problem ${i}`);
    if (message === null) expect(() => list.throwIfAny('Cannot')).not.toThrow();
    else expect(() => list.throwIfAny('Cannot')).toThrow(message);
  });

  it('lists at most MAX_LISTED_PROBLEMS and counts the rest', () => {
    const list = new ProblemList();
    for (let i = 0; i < MAX_LISTED_PROBLEMS + 7; i++) list.add('p', 'm');
    expect(list.items).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(list.total).toBe(MAX_LISTED_PROBLEMS + 7);
  });
});

describe('asHttpError', () => {
  it.each([
    { error: new TidyCsvError('file_empty', 'empty'), http: true },
    { error: new BenchmarkPlanError('plan', [{ path: 'p', message: 'm' }]), http: true },
    { error: new Error('database down'), http: false },
  ])('$error.message → a 400: $http', ({ error, http }) => {
    const result = asHttpError(error);
    if (http) expect(result).toBeInstanceOf(BadRequestError);
    else expect(result).toBe(error);
  });
});
