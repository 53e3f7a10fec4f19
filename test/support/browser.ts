import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium driven by playwright-core: no browser download (there is no internet here).
// Playwright gives every launch a fresh, temporary profile.
export const CHROMIUM = process.env.ZDL_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium floods the closed network with requests.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
