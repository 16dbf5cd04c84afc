import { ROLES, type Role } from '@kpi/shared';
import { RadioGroup } from '../../../components/RadioGroup';
import { ROLE_GUIDES } from '../../auth';

const ROLE_CHOICES = ROLES.map((role) => ({
  value: role,
  label: ROLE_GUIDES[role].label,
  hint: `For ${ROLE_GUIDES[role].audience}.`,
}));

/** Role radios and the pre-release checkbox, shared by the new-user and change-user forms. */
export function RoleFields({
  role,
  preRelease,
  onRole,
  onPreRelease,
}: {
  role: Role;
  preRelease: boolean;
  onRole: (role: Role) => void;
  onPreRelease: (preRelease: boolean) => void;
}) {
  return (
    <>
      <RadioGroup legend="Role" name="role" choices={ROLE_CHOICES} value={role} onChange={onRole} />
      <div className="form-group">
        <div className="checkboxes__item">
          <input
            className="checkboxes__input"
            type="checkbox"
            id="preRelease"
            checked={preRelease}
            onChange={(event) => onPreRelease(event.target.checked)}
            aria-describedby="preRelease-hint"
          />
          <label className="checkboxes__label" htmlFor="preRelease">
            On the pre-release list
          </label>
        </div>
        <p className="hint" id="preRelease-hint">
          Sees a meeting's figures before the meeting publishes them. Keep this list short.
        </p>
      </div>
    </>
  );
}
