import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts: the CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
