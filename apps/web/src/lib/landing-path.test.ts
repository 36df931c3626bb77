import { describe, expect, it } from 'vitest';
import { ROLES } from '@opsquest/contracts';
import { landingPathFor } from './landing-path';

describe('landingPathFor', () => {
  it('sends leads and admins to the dashboard and everyone else to the console', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, landingPathFor(role)]))).toEqual({
      engineer: '/',
      technician: '/',
      lead: '/dashboard',
      admin: '/dashboard',
    });
  });
});
