// Local stand-ins for the services a development machine cannot reach. Each starts only when its
// production variables are unset, and speaks the real protocol so the production code path (the
// real `stripe` and `pusher` SDKs) is the one that runs.
import { startPusherServer } from './pusher-server/server';
import { startStripeStandIn } from './stripe-standin/server';

export type StandInPorts = { stripe: number; pusher: number };
type Cleanup = () => Promise<void>;

export async function startStandIns(env: NodeJS.ProcessEnv, appUrl: string, ports: StandInPorts): Promise<Cleanup[]> {
  const cleanups: Cleanup[] = [];

  if (!env.STRIPE_SECRET_KEY) {
    env.STRIPE_SECRET_KEY = 'sk_test_local_standin';
    env.STRIPE_WEBHOOK_SECRET = 'whsec_local_standin_secret';
    const stripe = await startStripeStandIn({
      port: ports.stripe,
      webhookUrl: `${appUrl}/api/webhooks/stripe`,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    });
    env.STRIPE_API_URL = stripe.url;
    cleanups.push(stripe.close);
    console.log(`payments: local Stripe stand-in at ${stripe.url}`);
  }

  if (!env.PUSHER_APP_ID) {
    Object.assign(env, {
      PUSHER_APP_ID: 'local',
      PUSHER_KEY: 'local-key',
      PUSHER_SECRET: 'local-secret',
      PUSHER_HOST: '127.0.0.1',
      PUSHER_PORT: String(ports.pusher),
      PUSHER_USE_TLS: 'false',
    });
    const pusher = await startPusherServer({
      port: ports.pusher,
      appId: env.PUSHER_APP_ID!,
      key: env.PUSHER_KEY!,
      secret: env.PUSHER_SECRET!,
    });
    cleanups.push(pusher.close);
    console.log(`realtime: local Pusher-protocol server on 127.0.0.1:${ports.pusher}`);
  }

  return cleanups;
}
