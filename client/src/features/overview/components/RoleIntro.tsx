import type { Role } from '@kpi/shared';
import { ROLE_GUIDES } from '../../auth';

export function RoleIntro({ role }: { role: Role }) {
  const guide = ROLE_GUIDES[role];
  return (
    <section className="section" aria-labelledby="role-heading">
      <h2 id="role-heading">Your role: {guide.label}</h2>
      <p>This role is for {guide.audience}.</p>
      <p>{guide.description}</p>
    </section>
  );
}
