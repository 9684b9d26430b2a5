import { z } from 'zod';

// bcrypt reads at most 72 bytes and stops at a NUL: a longer password, or one with control
// characters, would be checked only in part, so neither is accepted.
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(64, 'Use at most 64 characters')
  .refine((p) => new TextEncoder().encode(p).length <= 72, 'Use fewer accented or special characters')
  .refine((p) => ![...p].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'Passwords cannot contain control characters')
  .regex(/[A-Za-z]/, 'Include at least one letter')
  .regex(/[0-9]/, 'Include at least one digit');

export const signUpSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')).pipe(z.string().max(254)),
  password: passwordSchema,
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters'),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
