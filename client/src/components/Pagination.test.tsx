import { pageItems } from './Pagination';

describe('the page numbers pagination shows', () => {
  it('every page when there are few', () => {
    expect(pageItems(1, 1)).toEqual([1]);
    expect(pageItems(1, 3)).toEqual([1, 2, 3]);
    expect(pageItems(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the first, the last, the current and its neighbours, with gaps for the rest', () => {
    expect(pageItems(1, 72)).toEqual([1, 2, 'gap', 72]);
    expect(pageItems(5, 72)).toEqual([1, 'gap', 4, 5, 6, 'gap', 72]);
    expect(pageItems(72, 72)).toEqual([1, 'gap', 71, 72]);
  });

  it('a single page left out is shown rather than a gap', () => {
    expect(pageItems(4, 72)).toEqual([1, 2, 3, 4, 5, 'gap', 72]);
    expect(pageItems(69, 72)).toEqual([1, 'gap', 68, 69, 70, 71, 72]);
  });
});
