import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ServiceUnavailableError } from '../errors';
import {
  type JobInput,
  type JobOutput,
  READER_JOBS,
  type ReaderJobKind,
  type ReaderLane,
  type RefusalReason,
} from './readerJobs';
import { type ErrorDescription, rebuildError } from './workerErrors';

/**
 * Uploaded files — monthly returns, and DfE, ONS and statistical-neighbour files — are parsed and
 * checked off the event loop, so a hostile or merely huge file cannot hold up anyone else's
 * request (health checks, sign-in, scorecards). One pool for the server:
 * - worker threads, at most `size` benchmark files at once (one fewer than the cores, at most
 *   two: the event loop keeps a core, and the machine's cores are shared with the database), and
 *   one worker more that only monthly returns may use: a commissioner's return is read at once
 *   even while a 20 MB DfE file holds every other worker (on two cores it had waited behind it);
 *   a waiting return also goes before waiting benchmark files;
 * - each with the heap limit of the kind of job it runs (`resourceLimits`, see readerJobs.ts): a
 *   file that needs more memory kills only its worker, and is refused as too large. A worker is
 *   started with one limit, so an idle worker of another limit is replaced when needed;
 * - and the job's time limit: a file that takes longer is refused and its worker terminated;
 * - with a short queue; beyond it, uploads get 503 with Retry-After rather than piling up.
 * Workers are started on first use and replaced after a crash or time-out. A worker that stops
 * for any other reason fails its job with a 503, never a 500.
 */
export interface FileReaderPoolOptions {
  size?: number;
  maxQueued?: number;
  /** Overrides every job's time and heap limits (tests). */
  timeoutMs?: number;
  heapMb?: number;
  /** Run every job on the event loop, without workers or limits: the benchmark's "before". */
  inProcess?: boolean;
}

interface Task {
  id: number;
  kind: ReaderJobKind;
  lane: ReaderLane;
  input: { bytes?: Buffer };
  heapMb: number;
  resolve(output: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  heapMb: number;
  /** Loaded and listening (starting a worker compiles the parsers, which takes a while). */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

type WorkerMessage = { ready?: true; id?: number; output?: unknown; failed?: ErrorDescription };

const WARM_HEAP_MB = READER_JOBS.readReturn.heapMb;

export class FileReaderPool {
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number | undefined;
  private readonly heapMb: number | undefined;
  private readonly inProcess: boolean;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: FileReaderPoolOptions = {}) {
    // One core is left to the event loop (and an embedded database): on two cores, one reader.
    this.size = options.size ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
    this.maxQueued = options.maxQueued ?? 6;
    this.timeoutMs = options.timeoutMs;
    this.heapMb = options.heapMb;
    this.inProcess = options.inProcess ?? false;
  }

  /** Starts the workers now rather than on the first upload (the server does this once it is listening). */
  warm(): void {
    if (this.inProcess) return;
    while (!this.closed && this.slots.length < this.size) this.spawn(this.heapMb ?? WARM_HEAP_MB);
  }

  /**
   * Runs a job in a worker. An input's `bytes` are handed over to the worker (transferred, not
   * copied: copying five large files at once held up the event loop), so the caller must not use
   * them afterwards: they are empty from then on.
   */
  run<K extends ReaderJobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> {
    const job = READER_JOBS[kind];
    if (this.closed) return Promise.reject(new ServiceUnavailableError('The server is shutting down.'));
    if (this.inProcess) return Promise.resolve().then(() => job.run(input as never) as JobOutput<K>);
    if (!this.hasRoomFor(job.lane) && this.queue.length >= this.maxQueued) {
      return Promise.reject(new ServiceUnavailableError(job.busy));
    }
    return new Promise<JobOutput<K>>((resolve, reject) => {
      const task = {
        id: this.nextId++,
        kind,
        lane: job.lane,
        input: input as Task['input'],
        heapMb: this.heapMb ?? job.heapMb,
        resolve: resolve as Task['resolve'],
        reject,
      };
      // A return waits only behind other returns, never behind a benchmark file.
      const firstBulk = this.queue.findIndex((t) => t.lane === 'bulk');
      if (job.lane === 'return' && firstBulk >= 0) this.queue.splice(firstBulk, 0, task);
      else this.queue.push(task);
      this.dispatch();
    });
  }

  /** Workers a lane may have busy at once: benchmark files `size`, returns one more. */
  private laneLimit(lane: ReaderLane): number {
    return lane === 'bulk' ? this.size : this.size + 1;
  }

  private hasRoomFor(lane: ReaderLane): boolean {
    const busy = this.slots.filter((s) => s.task !== null && (lane === 'return' || s.task.lane === lane)).length;
    return busy < this.laneLimit(lane);
  }

  /** Jobs running in a worker now. */
  get running(): number {
    return this.slots.filter((s) => s.task !== null).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = this.slots.flatMap((s) => (s.task ? [s.task] : []));
    for (const task of [...this.queue.splice(0), ...running]) {
      task.reject(new ServiceUnavailableError('The server is shutting down.'));
    }
    for (const slot of this.slots) this.finish(slot);
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  /**
   * Starts every queued job that may start, in queue order, each on a ready worker of its heap
   * limit, starting (or replacing an idle) one if need be. A job whose lane is full waits; the
   * jobs behind it may still start.
   */
  private dispatch() {
    let started = true;
    while (!this.closed && started) {
      started = false;
      for (const task of this.queue) {
        if (!this.hasRoomFor(task.lane)) continue;
        const slot = this.slots.find((s) => s.heapMb === task.heapMb && s.ready && s.task === null);
        if (slot) {
          this.queue.splice(this.queue.indexOf(task), 1);
          this.start(slot, task);
          started = true;
          break;
        }
        if (this.slots.some((s) => s.heapMb === task.heapMb && !s.ready)) continue; // one is starting
        if (this.slots.length < this.size + 1) this.spawn(task.heapMb);
        else {
          const idle = this.slots.find((s) => s.task === null && s.ready);
          if (idle) {
            this.retire(idle);
            this.spawn(task.heapMb);
          }
        }
      }
    }
  }

  private start(slot: Slot, task: Task) {
    slot.task = task;
    const timeoutMs = this.timeoutMs ?? READER_JOBS[task.kind].timeoutMs;
    slot.timer = setTimeout(() => this.fail(slot, 'timeout'), timeoutMs);
    const { bytes } = task.input;
    // A buffer of its own (any file over 4 KB) moves to the worker; a slice of Node's shared
    // pool cannot, and is copied.
    const ownBuffer =
      bytes !== undefined &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength &&
      bytes.buffer instanceof ArrayBuffer;
    slot.worker.postMessage(
      { id: task.id, kind: task.kind, input: task.input },
      ownBuffer ? [bytes.buffer as ArrayBuffer] : [],
    );
  }

  private spawn(heapMb: number): Slot {
    const worker = new Worker(new URL('./readWorker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 },
    });
    // A worker never keeps the process alive on its own (tests, shutdown).
    worker.unref();
    const slot: Slot = { worker, heapMb, ready: false, task: null, timer: null };
    worker.on('message', (message: WorkerMessage) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      this.finish(slot);
      if (message.failed) task.reject(rebuildError(message.failed));
      else task.resolve(message.output);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.fail(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed');
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) this.fail(slot, 'crashed');
    });
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  private retire(slot: Slot) {
    this.finish(slot);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  /** The worker is done for: answer its job (the job's refusal, or a 503) and replace it. */
  private fail(slot: Slot, reason: RefusalReason | 'crashed') {
    const task = slot.task;
    this.retire(slot);
    if (task) {
      if (reason === 'crashed') {
        task.reject(
          new ServiceUnavailableError('Reading the file failed unexpectedly. Send it again in a few seconds.'),
        );
      } else {
        try {
          task.resolve(READER_JOBS[task.kind].refused(reason));
        } catch (error) {
          task.reject(error);
        }
      }
    }
    if (!this.closed) this.dispatch();
  }
}
