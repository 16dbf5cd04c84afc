import { TidyCsvError } from '@kpi/readers';
import { afterEach, describe, expect, it } from 'vitest';
import { knownAreas } from '../comparators/areaNames';
import { type AppError, BadRequestError, ServiceUnavailableError } from '../errors';
import { FileReaderPool, type FileReaderPoolOptions } from './fileReaderPool';

/** The pool's answers when a job fails, times out, runs out of memory, waits too long or is cut off. */

const areas = knownAreas([{ code: 'E08000028', name: 'Sandwell', oldLaCode: '333' }]);

/** A tidy CSV of `rows` rows for Sandwell. */
function tidyCsv(rows: number): Buffer {
  const lines = ['time_period,time_identifier,geographic_level,country_code,old_la_code,new_la_code,la_name,a,b'];
  for (let i = 0; i < rows; i++)
    lines.push(`${2025 - i},Reporting year,Local authority,E92000001,333,E08000028,Sandwell,${i},${i % 100}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

const pools: FileReaderPool[] = [];
function pool(options: FileReaderPoolOptions) {
  const p = new FileReaderPool({ size: 1, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the file reader pool', () => {
  it('reads a file in a worker and returns what the job returns', async () => {
    const read = await pool({}).run('previewDfe', { bytes: tidyCsv(3), areas });
    expect(read.preview.rowCount).toBe(3);
    expect(read.preview.areas.known).toBe(1);
    expect(JSON.parse(read.summaryJson).rowCount).toBe(3);
  });

  it("a file's problem arrives as the same error, with the same message and problems", async () => {
    const error = await pool({})
      .run('previewDfe', { bytes: Buffer.from('a,b\n1,2\n'), areas })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidyCsvError);
    expect((error as TidyCsvError).code).toBe('not_tidy');
    expect((error as TidyCsvError).message).toMatch(/not in the DfE tidy-CSV layout/);
    expect((error as TidyCsvError).problems.length).toBeGreaterThan(0);
  });

  it('a benchmark file that takes too long is a 400 saying so; a return gets its file_unsafe problem', async () => {
    const p = pool({ timeoutMs: 1 });
    const error = await p.run('previewDfe', { bytes: tidyCsv(20_000), areas }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toMatch(/^The file took too long to read/);
    const read = await p.run('readReturn', { bytes: tidyCsv(20_000), fileName: 'return.csv' });
    expect(read.rows).toEqual([]);
    expect(read.problems.map((x) => [x.code, x.message.slice(0, 30)])).toEqual([
      ['file_unsafe', 'The file took too long to read'],
    ]);
  });

  it('a file that needs more memory than allowed is a 400 saying so, and the next job gets a new worker', async () => {
    const p = pool({ heapMb: 64 });
    const error = await p.run('previewDfe', { bytes: tidyCsv(400_000), areas }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as AppError).message).toMatch(/^The file needs far more memory to read/);
    expect((await p.run('previewDfe', { bytes: tidyCsv(2), areas })).preview.rowCount).toBe(2);
  });

  it('too many files waiting: 503 with the job’s words; shutting down: 503 for the job running', async () => {
    const p = pool({ maxQueued: 0 });
    const running = p.run('previewDfe', { bytes: tidyCsv(50_000), areas }).catch((e: unknown) => e);
    while (p.running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const refused = await p.run('planPopulations', { bytes: tidyCsv(2), areas }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect((refused as AppError).message).toBe(
      'Several large files are being read at the moment. Send the file again in a few seconds.',
    );
    await p.close();
    const cut = await running;
    expect(cut).toBeInstanceOf(ServiceUnavailableError);
    expect((cut as AppError).message).toBe('The server is shutting down.');
  });

  it('a monthly return is read at once while a large benchmark file holds the only benchmark worker', async () => {
    // One worker for benchmark files (as on two cores) and no room to queue: before the return's
    // own lane, the return waited the whole benchmark file out (or, with a full queue, got a 503).
    const p = pool({ maxQueued: 0 });
    const finished: string[] = [];
    const benchmark = p.run('previewDfe', { bytes: tidyCsv(200_000), areas }).then(() => finished.push('benchmark'));
    while (p.running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const read = await p.run('readReturn', { bytes: tidyCsv(3), fileName: 'return.csv' });
    finished.push('return');
    expect(read.format).toBe('csv');
    // A second benchmark file still waits for the first (it is refused here: nothing may queue).
    const second = await p.run('planPopulations', { bytes: tidyCsv(2), areas }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ServiceUnavailableError);
    await benchmark;
    expect(finished).toEqual(['return', 'benchmark']);
  });

  it('a return waiting for a worker goes before benchmark files that were waiting already', async () => {
    const p = pool({});
    const finished: string[] = [];
    const track = (name: string, job: Promise<unknown>) => job.then(() => finished.push(name));
    const jobs = [
      track('benchmark 1', p.run('previewDfe', { bytes: tidyCsv(100_000), areas })),
      track('benchmark 2', p.run('previewDfe', { bytes: tidyCsv(50_000), areas })),
      track('return 1', p.run('readReturn', { bytes: tidyCsv(2_000), fileName: 'one.csv' })),
      track('return 2', p.run('readReturn', { bytes: tidyCsv(3), fileName: 'two.csv' })),
    ];
    await Promise.all(jobs);
    // The returns share their lane, one after the other; the second benchmark file waits for the first.
    expect(finished.indexOf('return 1')).toBeLessThan(finished.indexOf('return 2'));
    expect(finished.indexOf('return 2')).toBeLessThan(finished.indexOf('benchmark 1'));
    expect(finished.indexOf('benchmark 1')).toBeLessThan(finished.indexOf('benchmark 2'));
  });

  it('a worker that dies mid-job answers that job with a 503 (never a 500) and the next job gets a new worker', async () => {
    const p = pool({});
    const running = p.run('previewDfe', { bytes: tidyCsv(50_000), areas }).catch((e: unknown) => e);
    while (p.running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // As if the thread had crashed: it stops without answering.
    const { slots } = p as unknown as { slots: { worker: { terminate(): Promise<number> } }[] };
    await slots[0]!.worker.terminate();
    const crashed = await running;
    expect(crashed).toBeInstanceOf(ServiceUnavailableError);
    expect((crashed as AppError).status).toBe(503);
    expect((crashed as AppError).message).toBe('Reading the file failed unexpectedly. Send it again in a few seconds.');
    expect((await p.run('previewDfe', { bytes: tidyCsv(2), areas })).preview.rowCount).toBe(2);
  });
});
