import { defineConfig, mergeConfig } from 'vitest/config';

import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/testing/setup.ts'],
      include: [
        'src/**/*.test.{ts,tsx}',
        '../../libs/ui/src/**/*.test.{ts,tsx}',
        '../../libs/api-client/src/**/*.test.{ts,tsx}',
      ],
      // whole-app tests walk several lazy routes; 5 s is too tight when the machine is busy
      testTimeout: 30000,
      restoreMocks: true,
      unstubGlobals: true,
    },
  }),
);
