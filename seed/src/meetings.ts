import type { MeetingSeed } from './types';

export const SCRUTINY_BOARD = "Children's Services and Education Scrutiny Board";

/**
 * Scrutiny Board meetings at which the Trust's performance was presented, with the months each
 * covered. Only dates printed in the papers; the months are read from what each paper reports on.
 */
export const MEETINGS: MeetingSeed[] = [
  {
    board: SCRUTINY_BOARD,
    heldOn: '2021-08-23',
    monthsFrom: '2020-04',
    monthsTo: '2021-03',
    evidence:
      '002_3ff58627d562cb1a.txt: agenda for "Monday, 23 August 2021", item 5 "Sandwell Children\'s Trust Annual Review"; the review covers the contract year 2020/21 (April 2020 – March 2021).',
  },
  {
    board: SCRUTINY_BOARD,
    heldOn: '2024-03-25',
    monthsFrom: '2023-09',
    monthsTo: '2024-02',
    evidence:
      '003_7373c1403feb90f0.txt: agenda for "Monday 25 March 2024", item 5 "Sandwell Children\'s Trust Performance Update"; 4.6 reports the contract KPIs "Since Sept 2023" to "currently" (the latest monthly return before the meeting is February 2024).',
  },
  {
    board: SCRUTINY_BOARD,
    heldOn: '2025-03-24',
    monthsFrom: '2024-04',
    monthsTo: '2024-12',
    evidence:
      '004_412ba0cae4ddb4a0.txt: report to the Scrutiny Board of "24 March 2025"; it covers the new KPIs "As of 1st April 2024" with figures "as of December 2024".',
  },
  {
    board: SCRUTINY_BOARD,
    heldOn: '2025-09-08',
    monthsFrom: '2025-01',
    monthsTo: '2025-07',
    evidence:
      '000_64afce19db909797.txt: minutes of "Monday, 8 September 2025", minute 33/25; "the last update being in March 2025", with performance "between January to July 2025" and figures "as of July 2025".',
  },
];
