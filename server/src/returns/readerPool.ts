import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ServiceUnavailableError } from '../errors';
import { problem, type ReadReturn } from './types';

/**
 * Uploaded returns are parsed and checked off the event loop, so a hostile or merely huge file
 * cannot hold up anyone else's request (health checks, scorecards):
 * - in worker threads, at most `size` at once (one fewer than the cores, at most two: the event
 *   loop keeps a core, and the machine's cores are shared with the database);
 * - each with a heap limit (`resourceLimits`): a file that needs more memory kills only its
 *   worker, and is refused as too large;
 * - and a time limit: a file that takes longer is refused and its worker terminated;
 * - with a short queue; beyond it, uploads get 503 with Retry-After rather than piling up.
 * Workers are started on first use and replaced after a crash or time-out.
 */
export interface ReaderPoolOptions {
  size?: number;
  maxQueued?: number;
  timeoutMs?: number;
  maxHeapMb?: number;
}

interface Task {
  id: number;
  bytes: Buffer;
  fileName: string;
  resolve(read: ReadReturn): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Loaded and listening (starting a worker compiles the parsers, which takes a while). */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const EMPTY: ReadReturn = { format: null, layout: null, encoding: null, sheetName: null, rows: [], problems: [] };

export class ReturnReaderPool {
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ReaderPoolOptions = {}) {
    // One core is left to the event loop (and an embedded database): on two cores, one reader.
    this.size = options.size ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
    this.maxQueued = options.maxQueued ?? 6;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxHeapMb = options.maxHeapMb ?? 128;
  }

  /** Starts the workers now rather than on the first upload (the server does this once it is listening). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /**
   * Reads the file in a worker. The bytes are handed over to the worker (transferred, not copied:
   * copying five large files at once held up the event loop), so the caller must not use `bytes`
   * afterwards: it is empty from then on.
   */
  read(bytes: Buffer, fileName: string): Promise<ReadReturn> {
    if (this.closed) return Promise.reject(new ServiceUnavailableError('The server is shutting down.'));
    const busy = this.slots.filter((s) => s.task !== null).length;
    if (busy >= this.size && this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new ServiceUnavailableError(
          'Several large files are being checked at the moment. Upload the return again in a few seconds.',
        ),
      );
    }
    return new Promise<ReadReturn>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new ServiceUnavailableError('The server is shutting down.'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch() {
    while (this.queue.length > 0) {
      if (this.slots.length < this.size && this.slots.every((s) => s.task !== null || !s.ready)) this.spawn();
      const slot = this.slots.find((s) => s.ready && s.task === null);
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.fail(slot, timedOut()), this.timeoutMs);
      const { bytes } = task;
      // A buffer of its own (any file over 4 KB) moves to the worker; a slice of Node's shared
      // pool cannot, and is copied.
      const ownBuffer =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      slot.worker.postMessage(
        { id: task.id, bytes, fileName: task.fileName },
        ownBuffer ? [bytes.buffer as ArrayBuffer] : [],
      );
    }
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./readWorker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 8 },
    });
    // A worker never keeps the process alive on its own (tests, shutdown).
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (message: { ready?: true; id?: number; read?: ReadReturn; failed?: string }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      this.finish(slot);
      if (message.read) task.resolve(message.read);
      else task.reject(new Error(`reading the upload failed in its worker (${message.failed})`));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.fail(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : null, error);
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) this.fail(slot, null, new Error('the upload worker stopped'));
    });
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  /** The worker is done for: answer its task (a refusal, or the error) and replace it. */
  private fail(slot: Slot, refusal: ReadReturn | null, error?: unknown) {
    const task = slot.task;
    this.finish(slot);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (task) {
      if (refusal) task.resolve(refusal);
      else task.reject(error ?? new Error('the upload worker failed'));
    }
    if (!this.closed) this.dispatch();
  }
}

function timedOut(): ReadReturn {
  return {
    ...EMPTY,
    problems: [
      problem(
        'file_unsafe',
        'The file took too long to read, far longer than a monthly return ever does, so it was not read further. Check that you chose the right file, or delete the sheets and rows that are not the return.',
        null,
      ),
    ],
  };
}

function outOfMemory(): ReadReturn {
  return {
    ...EMPTY,
    problems: [
      problem(
        'file_unsafe',
        'The file needs far more memory to read than a monthly return ever does, so it was not read further. Check that you chose the right file, or delete the sheets and rows that are not the return.',
        null,
      ),
    ],
  };
}
