import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMENTARY_STATES, type CommentaryState, type CommentaryStep } from '../contracts/commentary';
import { ROLES, type Role } from '../contracts/enums';
import {
  actionIsLate,
  commentaryBlocks,
  commentaryStepAllowed,
  exceptionReasons,
  nextCommentaryState,
  ownSubmissionRefusal,
  returnCommentaryState,
  seesCommentaryInProgress,
} from './commentaryFlow';

describe('who may take each step', () => {
  const table: [Role, CommentaryStep, boolean][] = [
    ['viewer', 'save', false],
    ['viewer', 'submit', false],
    ['viewer', 'agree', false],
    ['viewer', 'send_back', false],
    ['analyst', 'save', true],
    ['analyst', 'submit', true],
    ['analyst', 'agree', false],
    ['analyst', 'send_back', false],
    ['commissioner', 'save', true],
    ['commissioner', 'submit', true],
    ['commissioner', 'agree', true],
    ['commissioner', 'send_back', true],
    ['admin', 'save', true],
    ['admin', 'submit', true],
    ['admin', 'agree', true],
    ['admin', 'send_back', true],
  ];
  it.each(table)('%s %s → %s', (role, step, allowed) => {
    expect(commentaryStepAllowed(role, step)).toBe(allowed);
  });
  it('only viewers are limited to agreed text', () => {
    expect(ROLES.filter((r) => !seesCommentaryInProgress(r))).toEqual(['viewer']);
  });
});

describe('the flow', () => {
  const table: [CommentaryState | null, CommentaryStep, boolean, CommentaryState | null][] = [
    [null, 'save', false, 'draft'],
    [null, 'submit', false, null],
    [null, 'submit', true, 'submitted'],
    [null, 'agree', false, null],
    ['draft', 'submit', false, 'submitted'],
    ['draft', 'agree', false, null],
    ['draft', 'send_back', false, null],
    ['submitted', 'agree', false, 'agreed'],
    ['submitted', 'send_back', false, 'returned'],
    ['submitted', 'submit', false, null],
    ['submitted', 'save', false, 'draft'],
    ['returned', 'submit', false, 'submitted'],
    ['returned', 'save', false, 'draft'],
    ['returned', 'agree', false, null],
    ['agreed', 'agree', false, null],
    ['agreed', 'submit', false, null],
    ['agreed', 'submit', true, 'submitted'],
    ['agreed', 'save', false, 'draft'],
  ];
  it.each(table)('%s, %s (new text %s) → %s', (latest, step, withText, next) => {
    expect(nextCommentaryState(latest, step, withText)).toBe(next);
  });
  it('nothing reaches agreed except from submitted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, ...COMMENTARY_STATES),
        fc.constantFrom<CommentaryStep>('save', 'submit', 'agree', 'send_back'),
        fc.boolean(),
        (latest, step, withText) => {
          if (nextCommentaryState(latest, step, withText) === 'agreed') expect(latest).toBe('submitted');
        },
      ),
    );
  });
  it('a return loaded by a commissioner is agreed; by Trust staff, submitted', () => {
    expect(ROLES.map((r) => [r, returnCommentaryState(r)])).toEqual([
      ['viewer', 'submitted'],
      ['commissioner', 'agreed'],
      ['analyst', 'submitted'],
      ['admin', 'agreed'],
    ]);
  });
});

describe('plain text to paragraphs and lists', () => {
  it('splits paragraphs on blank lines and gathers list items', () => {
    expect(commentaryBlocks('First line\nsecond line\n\n- one\n* two\n\n1. a\n2) b\nAfter')).toEqual([
      { kind: 'paragraph', lines: ['First line', 'second line'] },
      { kind: 'list', ordered: false, items: ['one', 'two'] },
      { kind: 'list', ordered: true, items: ['a', 'b'] },
      { kind: 'paragraph', lines: ['After'] },
    ]);
  });
  it('keeps markup and formula-like text exactly as typed', () => {
    const hostile = '<script>alert(1)</script>\n=HYPERLINK("http://x")\n+1\n@SUM(A1)';
    expect(commentaryBlocks(hostile)).toEqual([{ kind: 'paragraph', lines: hostile.split('\n') }]);
  });
  it('loses no character other than line breaks and blank lines', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const kept = commentaryBlocks(text)
          .flatMap((b) => (b.kind === 'paragraph' ? b.lines : b.items))
          .join('');
        const squash = (s: string) => s.replace(/\s|^[-*•]|\d+[.)]/gm, '');
        expect(squash(kept).length).toBeLessThanOrEqual(squash(text).length);
        for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
          if (line.trim() !== '') expect(kept).toContain(line.replace(/^\s*([-*•]|\d{1,3}[.)])\s+/, ''));
        }
      }),
    );
  });
});

describe('late actions', () => {
  const table: [string, 'open' | 'on_track' | 'late' | 'done', string, boolean][] = [
    ['2024-03-31', 'open', '2024-04-01', true],
    ['2024-03-31', 'on_track', '2024-04-01', true],
    ['2024-03-31', 'done', '2024-04-01', false],
    ['2024-04-01', 'open', '2024-04-01', false],
    ['2024-05-01', 'late', '2024-04-01', false],
  ];
  it.each(table)('due %s, %s, on %s → late %s', (dueOn, status, today, late) => {
    expect(actionIsLate({ dueOn, status }, today)).toBe(late);
  });
});

describe('exception criteria', () => {
  it.each([
    [{ status: 'red', persistentFailure: false, againstNeighbours: null }, ['red']],
    [
      { status: 'red', persistentFailure: true, againstNeighbours: 'worse' },
      ['red', 'persistent_failure', 'out_of_line'],
    ],
    [{ status: 'green', persistentFailure: false, againstNeighbours: 'better' }, []],
    [{ status: 'green', persistentFailure: false, againstNeighbours: 'similar' }, []],
    // No polarity: higher or lower is not worse.
    [{ status: 'green', persistentFailure: false, againstNeighbours: 'higher' }, []],
    [{ status: 'amber', persistentFailure: false, againstNeighbours: 'worse' }, ['out_of_line']],
    [
      { status: 'amber', persistentFailure: false, againstNeighbours: null, worseningSignal: true },
      ['worsening_signal'],
    ],
    [{ status: 'amber', persistentFailure: false, againstNeighbours: null, worseningSignal: undefined }, []],
  ] as const)('%o → %o', (input, reasons) => {
    expect(exceptionReasons(input)).toEqual(reasons);
  });
});

describe('four eyes: nobody agrees the text they submitted', () => {
  it.each([
    ['agree', 5, 5, true],
    ['agree', 5, 6, false],
    ['agree', null, 5, false],
    ['send_back', 5, 5, false],
    ['save', 5, 5, false],
    ['submit', 5, 5, false],
  ] as const)('%s, submitted by %o, by %o → refused %o', (step, submittedBy, actor, refused) => {
    expect(ownSubmissionRefusal(step, submittedBy, actor) !== null).toBe(refused);
  });

  it('refuses exactly when the step is agree and the actor submitted it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CommentaryStep>('save', 'submit', 'agree', 'send_back'),
        fc.option(fc.integer({ min: 1, max: 5 })),
        fc.integer({ min: 1, max: 5 }),
        (step, submittedBy, actor) =>
          (ownSubmissionRefusal(step, submittedBy, actor) !== null) === (step === 'agree' && submittedBy === actor),
      ),
    );
  });
});
