// Shared by the sign-in page (server) and form (client), so both say the same thing.
export const wrongCredentials = 'Email or password is wrong.';
export const tooManyAttempts = 'Too many sign-in attempts. Please wait a few minutes, then try again.';
