/**
 * The system's Chromium (Debian's `chromium`, installed by .ci/run; `CHROMIUM` points elsewhere),
 * as every browser test and benchmark launches it. Nothing downloads a browser of its own, and the
 * flags keep it from phoning home: this machine's network refuses those connections.
 */
export const systemChromium = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
};
