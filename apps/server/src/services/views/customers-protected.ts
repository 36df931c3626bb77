import type { CustomersProtected } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';

export const NO_CUSTOMERS_PROTECTED: CustomersProtected = { customers: 0, alarms: 0, truckRolls: 0 };

/** No upper bound: work closed up to now (a source clock a little ahead included). */
export const UNTIL_NOW = Number.MAX_SAFE_INTEGER;

/**
 * Customers protected (CUSTOMERS_PROTECTED_RULE in the contracts; the NetworkStore's
 * `customersProtected` computes it) by work closed in [from, to), per username (lower-cased).
 */
export async function customersProtectedByUsername(repos: Repositories, from: number, to: number): Promise<Map<string, CustomersProtected>> {
  const rows = await repos.network.customersProtected(from, to);
  return new Map(rows.map((r) => [r.username, { customers: r.customers, alarms: r.alarms, truckRolls: r.truckRolls }]));
}

/** The figure of some people together (a team: its members). */
export function customersProtectedOf(byUsername: ReadonlyMap<string, CustomersProtected>, people: readonly { username: string }[]): CustomersProtected {
  const total = { ...NO_CUSTOMERS_PROTECTED };
  for (const p of people) {
    const figure = byUsername.get(p.username.toLowerCase());
    if (!figure) continue;
    total.customers += figure.customers;
    total.alarms += figure.alarms;
    total.truckRolls += figure.truckRolls;
  }
  return total;
}
