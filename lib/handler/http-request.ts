import * as z from 'zod';

/** The part of a function-URL (or API-gateway) event the handler itself decides on. */
const HttpEventSchema = z.looseObject({ httpMethod: z.string().optional() });

/** A push is a POST; anything else is answered without touching the pipeline. */
export const isPushRequest = (event: unknown): boolean => {
  const parsed = HttpEventSchema.safeParse(event);
  return parsed.success && (parsed.data.httpMethod ?? 'POST').toUpperCase() === 'POST';
};
