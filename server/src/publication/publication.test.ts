import { describe, expect, it } from 'vitest';
import type { MeetingRow } from './meetingRepository';
import { monthPublication, publicationOf, publicationWindow } from './publication';

const INF = Number.POSITIVE_INFINITY;

describe('publicationWindow: the instants between which what is published cannot change', () => {
  it.each([
    { times: [], time: 50, from: -INF, until: INF },
    { times: [100], time: 99, from: -INF, until: 100 },
    // published at exactly its time (publishedAt <= now)
    { times: [100], time: 100, from: 100, until: INF },
    { times: [100], time: 101, from: 100, until: INF },
    { times: [100, 200], time: 150, from: 100, until: 200 },
    { times: [100, 200], time: 200, from: 200, until: INF },
    { times: [100, 100, 200], time: 100, from: 100, until: 200 },
  ])('times $times at $time → [$from, $until)', ({ times, time, from, until }) => {
    expect(publicationWindow(times, time)).toEqual({ from, until });
  });

  it('agrees with publicationOf at every instant of its window, and differs just outside it', () => {
    const meeting = (id: number, monthsFrom: string, monthsTo: string, publishedAt: string | null) =>
      ({
        id,
        heldOn: monthsTo.replace(/-01$/, '-28'),
        monthsFrom,
        monthsTo,
        publishedAt: publishedAt ? new Date(publishedAt) : null,
      }) as unknown as MeetingRow;
    const meetings = [
      meeting(1, '2024-01-01', '2024-03-01', '2024-05-01T09:00:00Z'),
      meeting(2, '2024-04-01', '2024-06-01', '2024-08-01T09:00:00Z'),
      meeting(3, '2024-07-01', '2024-09-01', null),
    ];
    const times = meetings.flatMap((m) => (m.publishedAt ? [m.publishedAt.getTime()] : [])).sort((a, b) => a - b);
    const state = (time: number) => {
      const p = publicationOf(meetings, new Date(time));
      return { watermark: p.watermark, pending: [...p.pending.keys()].sort() };
    };
    const time = Date.parse('2024-06-15T00:00:00Z');
    const { from, until } = publicationWindow(times, time);
    expect(state(from)).toEqual(state(time));
    expect(state(until - 1)).toEqual(state(time));
    expect(state(from - 1)).not.toEqual(state(time));
    expect(state(until)).not.toEqual(state(time));
  });
});

describe('publicationOf: what a published meeting presented stays public', () => {
  const meeting = (id: number, monthsFrom: string, monthsTo: string, heldOn: string, publishedAt: string | null) =>
    ({
      id,
      heldOn,
      monthsFrom: `${monthsFrom}-01`,
      monthsTo: `${monthsTo}-01`,
      publishedAt: publishedAt ? new Date(publishedAt) : null,
    }) as unknown as MeetingRow;
  const now = new Date('2025-10-01T00:00:00Z');

  // Found walking the journeys: adding the next meeting (June to August 2025, overlapping the last
  // one's January to July) took June and July back from councillors, whose scorecard fell to May.
  it('keeps months a published meeting covered public when the next, unpublished, meeting covers them again', () => {
    const publication = publicationOf(
      [
        meeting(4, '2025-01', '2025-07', '2025-09-08', '2025-09-08T00:00:00Z'),
        meeting(5, '2025-06', '2025-08', '2025-12-08', null),
      ],
      now,
    );
    expect(['2025-05', '2025-06', '2025-07', '2025-08'].map((m) => monthPublication(publication, m))).toEqual([
      { published: true, note: null },
      { published: true, note: null },
      { published: true, note: null },
      { published: false, note: 'Unpublished until the meeting on 8 December 2025.' },
    ]);
  });

  it('still holds back a month below the watermark that no published meeting covered', () => {
    const publication = publicationOf(
      [
        meeting(1, '2024-01', '2024-03', '2024-05-01', '2024-05-01T00:00:00Z'),
        meeting(2, '2024-07', '2024-09', '2024-11-01', '2024-11-01T00:00:00Z'),
        meeting(3, '2024-04', '2024-06', '2099-01-05', null),
      ],
      now,
    );
    expect(monthPublication(publication, '2024-05')).toEqual({
      published: false,
      note: 'Unpublished until the meeting on 5 January 2099.',
    });
    expect(monthPublication(publication, '2024-08').published).toBe(true);
  });
});
