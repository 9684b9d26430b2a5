// `npm run users:grant-operator <email>`: gives an account the operator role (on-sale reports).
// Runs under `tsx --conditions=react-server` for the `server-only` guard.
import { db } from '@/db';
import { grantOperator } from '@/lib/auth/grant-operator';

const email = process.argv[2];
if (!email) {
  console.error('usage: npm run users:grant-operator <email>');
  process.exit(2);
}
grantOperator(db, email)
  .then((user) => {
    console.log(`${user.email} is now an operator`);
    process.exit(0);
  })
  .catch((error: Error) => {
    console.error(`users:grant-operator: ${error.message}`);
    process.exit(1);
  });
