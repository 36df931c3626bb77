import { NavLink } from 'react-router';
import type { Role } from '@opsquest/contracts';

const linkClass = ({ isActive }: { isActive: boolean }): string => `subnav__link${isActive ? ' subnav__link--active' : ''}`;

/** The two network pages side by side: health (engineers may read it) and customers (leads and admins). */
export function NetworkSubnav({ role }: { role: Role }) {
  return (
    <nav className="subnav" aria-label="Network" data-testid="network-subnav">
      <NavLink to="/network" end className={linkClass}>
        Network health
      </NavLink>
      {(role === 'lead' || role === 'admin') && (
        <NavLink to="/network/customers" className={linkClass}>
          Customers
        </NavLink>
      )}
    </nav>
  );
}
