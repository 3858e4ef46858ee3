import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
export default defineConfig({
  root: '/work/main/ui/src/run/__harness__',
  plugins: [react()],
  base: './',
  logLevel: 'warn',
  // For the JS Self-Profiling API (perf investigations in headless Chromium).
  server: { headers: { 'Document-Policy': 'js-profiling' } },
  build: { outDir: '/tmp/sw/run-harness-dist', emptyOutDir: true },
});
