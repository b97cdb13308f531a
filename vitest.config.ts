import { defineConfig } from 'vitest/config';

/** Real servers on this machine, one suite file after another: Strapi, Astro and the publisher share ports' neighbourhood and two cores. */
const realServers = {
  globalSetup: ['tests/int/global-setup.ts'],
  fileParallelism: false,
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 240_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        test: { name: 'int', include: ['tests/int/**/*.test.ts'], ...realServers },
      },
      {
        // Attacks and faults against the real CMS, publisher, preview, nginx and backups (issue 17).
        test: { name: 'adversarial', include: ['tests/adversarial/**/*.test.ts'], ...realServers },
      },
    ],
  },
});
