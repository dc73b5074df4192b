/**
 * Builds the SMART app into app/dist, served by the service under /app/: two pages, `index.html` (the app,
 * the redirect target of both launches) and `launch.html` (the EHR and standalone launch entry).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/app/',
  plugins: [vue()],
  publicDir: here('public'),
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      input: { index: here('index.html'), launch: here('launch.html') },
    },
  },
});
