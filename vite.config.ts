/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./ui', import.meta.url));
const dist = fileURLToPath(new URL('./dist', import.meta.url));

// The web UI lives in ui/; the build goes to dist/ at the repository root, which the Tauri
// shell embeds (src-tauri/tauri.conf.json: frontendDist).
export default defineConfig({
  root,
  plugins: [react()],
  clearScreen: false,
  base: './',
  build: {
    outDir: dist,
    emptyOutDir: true,
    target: 'safari15',
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    host: '127.0.0.1',
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
