import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The studio: React + Monaco + the engine in a module worker. Everything is bundled (no CDN).
// STUDIO_BASE sets the path the static build is served under (`/my-repo/` for GitHub Pages, `./`
// for any path); the default `/` is the site root.
export default defineConfig({
  base: process.env.STUDIO_BASE ?? '/',
  plugins: [react()],
  resolve: { conditions: ['source'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  preview: { port: 4173, strictPort: true },
})
