import { defineConfig, devices } from '@playwright/test';
import { testBaseUrl } from './lib/testing/server-env';

const baseURL = process.env.E2E_BASE_URL ?? testBaseUrl;

// Debian's Chromium; Playwright never downloads a browser here. The flags keep it off the
// network, which this machine does not have.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: { baseURL, trace: 'retain-on-failure', launchOptions: chromium },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    // A phone: touch, 390 x 844, mobile viewport rules. The phone journeys, the sign-up journey
    // and issue 16's features (accessible seats, more time, the waitlist, the honest queue) run
    // here, so the whole run stays short.
    {
      name: 'phone',
      testMatch: [
        'fan-journey.spec.ts',
        'journey.spec.ts',
        'accessible-seats.spec.ts',
        'more-time.spec.ts',
        'waitlist.spec.ts',
        'waiting-room.spec.ts',
      ],
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 390, height: 844 },
        screen: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        launchOptions: chromium,
      },
    },
  ],
  webServer: {
    command: 'npx tsx scripts/test/server.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: true,
    timeout: 120_000,
  },
});
