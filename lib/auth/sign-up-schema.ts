import { z } from 'zod';

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters')
  .regex(/[A-Za-z]/, 'Include at least one letter')
  .regex(/[0-9]/, 'Include at least one digit');

export const signUpSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')).pipe(z.string().max(254)),
  password: passwordSchema,
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters'),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
