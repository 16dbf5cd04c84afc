import { HttpResponse, http } from 'msw';
import { emptyActionsFixture, emptyCommentaryFixture, exceptionReportFixture } from './commentaryFixtures';
import { meFixture, overviewFixture, problemFixture, sessionStatusFixture } from './fixtures';
import { api, problemResponse } from './http';
import { briefingFixture, meetingsFixture } from './meetingFixtures';
import { historyFixture, previewFixture, uploadListFixture } from './returnFixtures';
import { scorecardFixture } from './scorecardFixtures';
import { pi4Detail, pi4SeriesFixture } from './seriesFixtures';

/**
 * Default answers: nobody is signed in, only local accounts, signing in succeeds, the overview has data. Tests
 * override one endpoint at a time with `server.use(...)`; none of this models the server's logic.
 */
export const handlers = [
  http.get(api('/api/auth/me'), () => problemResponse(problemFixture(401, 'Unauthorized'))),
  http.post(api('/api/auth/login'), () => HttpResponse.json(meFixture('commissioner'))),
  http.post(api('/api/auth/logout'), () => new HttpResponse(null, { status: 204 })),
  http.get(api('/api/auth/providers'), () => HttpResponse.json({ singleSignOn: null })),
  http.get(api('/api/auth/session'), () => HttpResponse.json(sessionStatusFixture())),
  http.get(api('/api/overview'), () => HttpResponse.json(overviewFixture)),
  http.get(api('/api/scorecard'), () => HttpResponse.json(scorecardFixture)),
  http.get(api('/api/indicators/:code'), () => HttpResponse.json(pi4Detail)),
  http.get(api('/api/indicators/:code/series'), () => HttpResponse.json(pi4SeriesFixture)),
  http.get(api('/api/indicators/:code/commentary/:month'), ({ params }) =>
    HttpResponse.json(emptyCommentaryFixture(String(params.code), String(params.month))),
  ),
  http.get(api('/api/indicators/:code/actions'), ({ params }) =>
    HttpResponse.json(emptyActionsFixture(String(params.code))),
  ),
  http.get(api('/api/meetings/:id/exceptions'), () => HttpResponse.json(exceptionReportFixture)),
  http.get(api('/api/meetings'), () => HttpResponse.json(meetingsFixture)),
  http.get(api('/api/meetings/:id/briefing'), () => HttpResponse.json(briefingFixture)),
  http.get(api('/api/returns/uploads'), () => HttpResponse.json(uploadListFixture)),
  http.get(api('/api/returns/uploads/:id'), () => HttpResponse.json(previewFixture)),
  http.get(api('/api/returns/history'), () => HttpResponse.json(historyFixture)),
];
