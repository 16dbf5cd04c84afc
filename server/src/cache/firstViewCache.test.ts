import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstViewCache, type FirstViewInputs, firstViewKey } from './firstViewCache';

const SESSION = { url: '/api/auth/me', json: '{"user":{"id":1,"displayName":"Cllr Jones"}}' };
const scorecard = (value: string) => ({ url: '/api/scorecard', json: `{"items":[{"code":"PI4","value":${value}}]}` });
const inputs = (value = '89.6', url = '/scorecard'): FirstViewInputs => ({ url, answers: [SESSION, scorecard(value)] });

/** A drawing function that counts its calls and draws what it is told. */
function counter(html: string | null = '<main>PI4 89.6%</main>') {
  const calls = { count: 0 };
  const draw = async () => {
    calls.count += 1;
    return html;
  };
  return { calls, draw };
}

describe('the drawings of first views kept by the server', () => {
  it('draws once for the same address and answers, and gives the same markup again', async () => {
    const cache = new FirstViewCache(1024 * 1024);
    const { calls, draw } = counter();
    expect(await cache.get(inputs(), draw)).toBe('<main>PI4 89.6%</main>');
    expect(await cache.get(inputs(), draw)).toBe('<main>PI4 89.6%</main>');
    expect(calls.count).toBe(1);
  });

  it('draws again when any answer changes (a corrected figure) or the address does', async () => {
    const cache = new FirstViewCache(1024 * 1024);
    const { calls, draw } = counter();
    await cache.get(inputs('89.6'), draw);
    await cache.get(inputs('89.7'), draw);
    await cache.get(inputs('89.6', '/scorecard?month=2025-06'), draw);
    // another person's session (their name is in the header) is another drawing
    await cache.get(
      { url: '/scorecard', answers: [{ ...SESSION, json: SESSION.json.replace('Jones', 'Khan') }, scorecard('89.6')] },
      draw,
    );
    expect(calls.count).toBe(4);
  });

  it('never keeps "not drawn": a page drawn by the browser is asked for again', async () => {
    const cache = new FirstViewCache(1024 * 1024);
    const { calls, draw } = counter(null);
    expect(await cache.get(inputs(), draw)).toBeNull();
    expect(await cache.get(inputs(), draw)).toBeNull();
    expect(calls.count).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used drawing past its size, and keeps none larger than itself', async () => {
    // room for two drawings of 100 characters (200 bytes each)
    const cache = new FirstViewCache(400);
    const drawing = (n: number) => async () => `<p>${String(n).padEnd(93, '.')}</p>`;
    await cache.get(inputs('1'), drawing(1));
    await cache.get(inputs('2'), drawing(2));
    await cache.get(inputs('1'), drawing(99)); // used again: 2 is now the oldest
    await cache.get(inputs('3'), drawing(3));
    expect(cache.size).toBe(2);
    expect(await cache.get(inputs('1'), drawing(100))).toContain('<p>1');
    expect(await cache.get(inputs('2'), drawing(200))).toContain('<p>200');
    const huge = await cache.get(inputs('4'), async () => 'x'.repeat(1_000));
    expect(huge).toHaveLength(1_000);
    expect(await cache.get(inputs('4'), async () => 'redrawn')).toBe('redrawn');
  });

  it('gives different inputs different keys, however the parts are cut (property)', () => {
    const part = fc.string({ maxLength: 12 });
    const read = fc.record({ url: part, json: part });
    const anInput = fc.record({ url: part, answers: fc.array(read, { maxLength: 3 }) });
    fc.assert(
      fc.property(anInput, anInput, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(firstViewKey(a) === firstViewKey(b)).toBe(same);
      }),
      { numRuns: 2_000 },
    );
  });
});
