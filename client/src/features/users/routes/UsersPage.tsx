import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { NavigationNotice, type NoticeState } from '../../../components/NavigationNotice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ROLE_GUIDES } from '../../auth';
import { useUsers } from '../api/users';
import { ADD_EXISTING_PERSON_PATH, NEW_USER_PATH, userPath } from '../paths';
import { lastSignInWords, signInWords } from '../words';

export type UsersLocationState = NoticeState;

/** Every account, for administrators: who can sign in, with which role, and when they last did. */
export default function UsersPage() {
  useDocumentTitle('Users');
  const users = useUsers();

  return (
    <>
      <NavigationNotice />
      <h1>Users</h1>
      <p>
        <Link to={NEW_USER_PATH} className="button button--link">
          Add a user
        </Link>{' '}
        <Link to={ADD_EXISTING_PERSON_PATH} className="button button--link button--secondary">
          Add someone from another council
        </Link>
      </p>
      {users.isPending && <LoadingState>Loading users…</LoadingState>}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <ScrollableTable label="Users">
          <table className="table">
            <caption className="caption caption--left">{users.data.length} accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Signs in with</th>
                <th scope="col">Pre-release list</th>
                <th scope="col">Status</th>
                <th scope="col">Last signed in</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <Link to={userPath(user.id)}>{user.displayName}</Link>
                  </th>
                  <td>{user.username}</td>
                  <td>{ROLE_GUIDES[user.role].label}</td>
                  <td>{signInWords(user)}</td>
                  <td>{user.preRelease ? 'Yes' : 'No'}</td>
                  <td>
                    <strong className={user.disabledAt ? 'tag tag--grey' : 'tag'}>
                      {user.disabledAt ? 'Disabled' : 'Active'}
                    </strong>
                  </td>
                  <td>{lastSignInWords(user)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </>
  );
}
