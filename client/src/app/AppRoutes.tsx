import { Route, Routes } from 'react-router';
import { SignInPage } from '../features/auth/routes/SignInPage';
import { SIGN_IN_PATH } from '../lib/returnTo';
import { FocusMainOnNavigate } from './FocusMainOnNavigate';
import { PublicLayout } from './layout/PublicLayout';
import { NotFoundPage } from './NotFoundPage';
import { APP_PAGES } from './pages';
import { RequireAuth } from './RequireAuth';
import { RequireRole } from './RequireRole';

export function AppRoutes() {
  return (
    <>
      <FocusMainOnNavigate />
      <Routes>
        <Route element={<PublicLayout />}>
          <Route path={SIGN_IN_PATH} element={<SignInPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          {APP_PAGES.map((page) => (
            <Route
              key={page.path}
              path={page.path}
              element={page.roles ? <RequireRole roles={page.roles}>{page.element}</RequireRole> : page.element}
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
