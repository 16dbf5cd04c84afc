import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './server';

// jsdom has no ResizeObserver; the chart's container asks for one. It never reports a size, so
// charts keep the size they start with.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom does no layout, so every element measures 0 × 0 and the chart's container would draw
// nothing. Give that container the size a desktop browser would, so tests see the chart.
const measure = HTMLElement.prototype.getBoundingClientRect;
HTMLElement.prototype.getBoundingClientRect = function getBoundingClientRect(this: HTMLElement) {
  if (!this.classList.contains('recharts-responsive-container')) return measure.call(this);
  const rect = { x: 0, y: 0, top: 0, left: 0, width: 720, height: 380, right: 720, bottom: 380 };
  return { ...rect, toJSON: () => rect } as DOMRect;
};

// A route's first render also loads its code: on a busy two-core machine (CI runs the suite beside
// other stages) that passed findBy's default of 1 s. The test timeout (15 s) still bounds a test.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
