import { firstRefusedCharacter, type RefusedCharacterKind } from '@kpi/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BadRequestError } from '../errors';

/**
 * No control characters, no broken characters (lone surrogates) and no hidden formatting
 * characters that reorder or hide text (bidi overrides and the like; passwords apart) in anything a request says in
 * words: path and query parameters and every string (and key) in a JSON body. PostgreSQL cannot
 * store U+0000 in text or jsonb at all, nor a lone surrogate in jsonb (each would be a 500), a text
 * column would silently turn a lone surrogate into U+FFFD, and no field of this API means anything
 * with either. Checked once, here, for every route, before validation, with the field named.
 * (Uploaded files are checked cell by cell by their readers, with the cell named.)
 */
async function inputText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const found =
      findRefused(request.params, 'params') ??
      findRefused(request.query, 'querystring') ??
      (Buffer.isBuffer(request.body) ? null : findRefused(request.body, 'body'));
    if (!found) return;
    if (found.kind === 'lone_surrogate') {
      throw new BadRequestError(
        'The request contains a broken character (half of an emoji or other symbol), which no field accepts.',
        [{ path: found.path, message: `Remove or retype the broken character ${found.codePoint}` }],
      );
    }
    if (found.kind === 'hidden') {
      throw new BadRequestError(
        'The request contains a hidden formatting character (one that reorders or hides text, so it can read differently from what it says), which no field accepts.',
        [
          {
            path: found.path,
            message: `Remove the hidden character ${found.codePoint}${found.name ? ` (${found.name})` : ''}`,
          },
        ],
      );
    }
    throw new BadRequestError('The request contains an invisible control character, which no field accepts.', [
      { path: found.path, message: `Remove the control character ${found.codePoint}` },
    ]);
  });
}

const MAX_DEPTH = 20;

interface Found {
  path: string;
  codePoint: string;
  kind: RefusedCharacterKind;
  name?: string | null;
}

/** Secrets are never shown, so a character that hides text hides nothing there (and old passwords may have one). */
const SECRET = /password/i;

function findRefused(value: unknown, path: string, depth = 0): Found | null {
  if (typeof value === 'string') {
    const found = firstRefusedCharacter(value, { hidden: !SECRET.test(path.slice(path.lastIndexOf('.') + 1)) });
    return found ? { path, codePoint: found.codePoint, kind: found.kind, name: found.name } : null;
  }
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    const keyFound = firstRefusedCharacter(key);
    if (keyFound) return { path, codePoint: keyFound.codePoint, kind: keyFound.kind };
    const found = findRefused(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export default fp(inputText, { name: 'input-text' });
