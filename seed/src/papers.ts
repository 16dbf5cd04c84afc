/** The public council papers the demo's figures were extracted from (cited in published-figures.csv; the papers' text is not part of the repository). */
export const PAPERS: Record<string, { title: string; shortTitle: string }> = {
  '000_64afce19db909797.txt': {
    title: "Children's Services and Education Scrutiny Board, minutes of 8 September 2025 (Trust performance update)",
    shortTitle: 'Scrutiny Board minutes, 8 September 2025',
  },
  '001_493121785c39f4ae.txt': {
    title: "Children's Services and Education Scrutiny Board, minutes of 11 November 2024",
    shortTitle: 'Scrutiny Board minutes, 11 November 2024',
  },
  '002_3ff58627d562cb1a.txt': {
    title: "Sandwell Children's Trust Annual Review 2020/21 (Scrutiny Board, 23 August 2021)",
    shortTitle: 'Trust Annual Review 2020/21',
  },
  '003_7373c1403feb90f0.txt': {
    title:
      "Children's Services and Education Scrutiny Board papers, 25 March 2024 (Trust performance update; Safeguarding Partnership annual report 2022/23)",
    shortTitle: 'Scrutiny Board papers, 25 March 2024',
  },
  '004_412ba0cae4ddb4a0.txt': {
    title: "Sandwell Children's Trust performance update to the Scrutiny Board, 24 March 2025",
    shortTitle: 'Trust performance update, 24 March 2025',
  },
};

export function paperTitle(seedFile: string): string {
  return PAPERS[seedFile]?.title ?? seedFile;
}

export const ANNUAL_REVIEW = '002_3ff58627d562cb1a.txt';
export const MARCH_2024_PAPERS = '003_7373c1403feb90f0.txt';
export const MARCH_2025_UPDATE = '004_412ba0cae4ddb4a0.txt';
export const SEPTEMBER_2025_MINUTES = '000_64afce19db909797.txt';
