import { lazy } from 'react';

// What other features may use from commentary: its words as written, an action's status, and
// the review and actions panels for the KPI page.
export { ActionStatusText } from './components/ActionsPanel';
export { CommentaryText } from './components/CommentaryText';

// Writing and reviewing commentary and actions load after the figures, which come first.
export const CommentaryReview = lazy(() =>
  import('./components/CommentaryReview').then((m) => ({ default: m.CommentaryReview })),
);
export const ActionsPanel = lazy(() => import('./components/ActionsPanel').then((m) => ({ default: m.ActionsPanel })));
