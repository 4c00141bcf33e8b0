import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const lib = (path: string) => fileURLToPath(new URL(`../../libs/${path}`, import.meta.url));

export const alias = {
  '@settle/ui': lib('ui/src'),
  '@settle/api-client': lib('api-client/src'),
  '@settle/domain': lib('domain/src'),
  '@': fileURLToPath(new URL('./src', import.meta.url)),
};

export default defineConfig({
  base: '/',
  // Brotli and gzip copies of each asset, served as they are by the API (@fastify/static
  // preCompressed), so a phone on a slow link downloads a fraction of the bundle.
  plugins: [
    react(),
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/], threshold: 1024 }),
  ],
  resolve: { alias },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
      '/admin/queues': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
