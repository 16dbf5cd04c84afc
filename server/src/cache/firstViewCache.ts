import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** What a first view is drawn from: the page's address and the answers embedded in it. */
export interface FirstViewInputs {
  url: string;
  answers: readonly { url: string; json: string }[];
}

/**
 * The key of a drawing: a hash of the address and of every answer, byte for byte. The drawing
 * (client/src/ssr/renderFirstView.tsx) is a pure function of these, so two requests with the same
 * key get the same markup whoever makes them: the answers are already what this person may see
 * (the API's own visibility and pre-release rules made them), and any change in a figure, a
 * band, a comment or the person's name changes an answer and so the key.
 */
export function firstViewKey({ url, answers }: FirstViewInputs): string {
  // NUL separates the parts: no request line (Node's parser refuses it) nor JSON text holds one
  const hash = createHash('sha256').update(url);
  for (const answer of answers) hash.update('\u0000').update(answer.url).update('\u0000').update(answer.json);
  return hash.digest('base64url');
}

/**
 * The server's drawings of first views, least recently used dropped past `maxBytes` (issue 17):
 * drawing a scorecard takes the server 6-9 ms when idle and 40-230 ms while the browser that asked
 * is starting up on the same cores, and every councillor reading the same month before a meeting
 * is sent the same drawing. Only drawings are kept, never "not drawn".
 */
export class FirstViewCache {
  private readonly drawings: LRUCache<string, string>;

  constructor(maxBytes: number) {
    // a JavaScript string holds up to two bytes a character
    this.drawings = new LRUCache({ maxSize: maxBytes, sizeCalculation: (html) => Math.max(1, html.length * 2) });
  }

  /** The drawing for these inputs, drawn by `draw` unless one is kept; null when `draw` draws nothing. */
  async get(inputs: FirstViewInputs, draw: () => Promise<string | null>): Promise<string | null> {
    const key = firstViewKey(inputs);
    const kept = this.drawings.get(key);
    if (kept !== undefined) return kept;
    const drawn = await draw();
    // (lru-cache keeps nothing larger than the whole cache: such a drawing is sent, not kept)
    if (drawn !== null) this.drawings.set(key, drawn);
    return drawn;
  }

  /** Drawings kept now. */
  get size(): number {
    return this.drawings.size;
  }
}
