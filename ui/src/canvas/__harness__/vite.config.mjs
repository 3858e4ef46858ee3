import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
export default defineConfig({
  root: '/work/main/ui/src/canvas/__harness__',
  plugins: [react()],
  base: './',
  logLevel: 'warn',
  build: { outDir: '/tmp/sw/harness-dist', emptyOutDir: true },
});
