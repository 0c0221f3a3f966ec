// Vite build of the jiceng admin console: web/admin -> web/dist (served by the server).
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const root = fileURLToPath(new URL('./admin', import.meta.url))
const outDir = fileURLToPath(new URL('./dist', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./admin/src', import.meta.url)) },
  },
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    // Element Plus is imported whole; the pages and ECharts are split into lazy chunks.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
})
