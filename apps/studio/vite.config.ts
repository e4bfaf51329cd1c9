import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The studio: React + Monaco + the engine in a module worker. Everything is bundled (no CDN).
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  preview: { port: 4173, strictPort: true },
})
