import { z } from 'zod';

/**
 * A field visit's job details (address, location, contact, access notes, checklist), as the
 * work-order integration and POST /api/events accept them. Limits are generous for real data and
 * small enough for a phone screen; a value over a limit is a 400 naming the field.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const JOB_LIMITS = {
  addressLine: 200,
  city: 100,
  postcode: 20,
  country: 100,
  contactName: 200,
  phone: 40,
  accessNotes: 1000,
  checklistItems: 50,
  checklistId: 64,
  checklistLabel: 200,
} as const;

export const jobAddressSchema = z
  .object({
    /** street and number, flat, floor */
    line: text(JOB_LIMITS.addressLine),
    city: text(JOB_LIMITS.city).optional(),
    postcode: text(JOB_LIMITS.postcode).optional(),
    /** a name or an ISO 3166 code */
    country: text(JOB_LIMITS.country).optional(),
  })
  .strict();

/** WGS 84, decimal degrees. */
export const jobLocationSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .strict();

export const jobContactSchema = z
  .object({
    name: text(JOB_LIMITS.contactName).optional(),
    /** digits with an optional leading +, and spaces, dots, dashes or brackets between them */
    phone: z
      .string()
      .trim()
      .min(3)
      .max(JOB_LIMITS.phone)
      .regex(/^\+?[0-9][0-9 ().-]*[0-9]$/, 'a phone number: digits, an optional leading +, spaces, dots, dashes and brackets')
      .optional(),
  })
  .strict()
  .refine((c) => c.name !== undefined || c.phone !== undefined, { message: 'a contact needs a name or a phone' });

export const checklistIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(JOB_LIMITS.checklistId)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, dot, colon, dash and underscore only');

export const jobChecklistSchema = z
  .array(z.object({ id: checklistIdSchema, label: text(JOB_LIMITS.checklistLabel) }).strict())
  .min(1)
  .max(JOB_LIMITS.checklistItems)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `id ${item.id} is used twice`, path: [i, 'id'] });
      seen.add(item.id);
    });
  });

export const accessNotesSchema = z.string().trim().min(1).max(JOB_LIMITS.accessNotes);

/** The job-detail fields, all optional, shared by the work-order change and the event attributes. */
export const jobDetailFields = {
  address: jobAddressSchema.describe('Where the visit is: street line, city, postcode, country').optional(),
  location: jobLocationSchema.describe('WGS 84 coordinates in decimal degrees, for the map link').optional(),
  contact: jobContactSchema.describe('Whom to call on site: name and/or phone').optional(),
  /** how to get in: key safe, gate code, dog, parking */
  accessNotes: accessNotesSchema.describe('How to get in: key safe, gate code, parking, hazards').optional(),
  /** what to check or do on site; the technician ticks them */
  checklist: jobChecklistSchema.describe('What to check or do on site (ids unique); the technician ticks them, and a resent list keeps the ticks of ids that stay').optional(),
};
