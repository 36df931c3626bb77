import { z } from 'zod';

/** Kudos: peer recognition with a short plain-text message, a few a day per giver. */
export const KUDOS_DAILY_BUDGET = 3;
export const KUDOS_POINTS = 5;
export const KUDOS_MESSAGE_MAX = 280;

export const giveKudosBodySchema = z
  .object({
    toPersonId: z.string().trim().min(1, 'Choose who gets the kudos').max(100),
    message: z
      .string()
      .trim()
      .min(1, 'Write a short message')
      .max(KUDOS_MESSAGE_MAX),
  })
  .strict();
export type GiveKudosBody = z.infer<typeof giveKudosBodySchema>;

export const kudosListQuerySchema = z
  .object({
    personId: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type KudosListQuery = z.infer<typeof kudosListQuerySchema>;

export interface KudosView {
  id: string;
  at: string;
  message: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
}

export interface KudosBudgetView {
  /** kudos this person may still give today (organisation time zone) */
  left: number;
  perDay: number;
  day: string;
}

export interface KudosListView {
  personId: string;
  received: KudosView[];
  given: KudosView[];
}

export interface GiveKudosResult {
  kudos: KudosView;
  budget: KudosBudgetView;
}
