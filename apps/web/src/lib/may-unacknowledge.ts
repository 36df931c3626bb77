import type { Role, WorkItemView } from '@opsquest/contracts';

/** "Undo ack" is offered on one's own acknowledgement only, and to leads and admins (the server refuses the rest). */
export function mayUnacknowledge(item: Pick<WorkItemView, 'assignee'>, user: { username: string; role: Role }): boolean {
  return user.role === 'lead' || user.role === 'admin' || (item.assignee !== undefined && item.assignee.toLowerCase() === user.username.toLowerCase());
}
