import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const apiTarget = `http://localhost:${process.env.PORT ?? '3000'}`;

/** Cache Storage name of the API answers kept for offline use: the same as API_CACHE in apps/web/src/pwa/api-cache.ts. */
const API_CACHE = 'opsquest-api';

/** Paths the app shell never answers for: the API, socket.io and the TMF API go to the server. */
const NAVIGATE_FALLBACK_DENYLIST = [/^\/api\//, /^\/socket\.io\//, /^\/tmf-api\//];

/** A slow mobile link counts as down: the phone answers from its copy after this long. */
const API_NETWORK_TIMEOUT_SECONDS = 4;

/** Offline copies older than this are dropped: a queue days old would mislead more than help. */
const API_CACHE_MAX_AGE_SECONDS = 3 * 24 * 60 * 60;
const API_CACHE_MAX_ENTRIES = 80;

/**
 * The SPA lives in apps/web; `npm run dev` proxies the API and socket.io to the server. The build
 * also writes a service worker (Workbox generateSW): the app shell opens with no network after one
 * visit, and the technician's reads come from the last answer kept on the phone.
 */
export default defineConfig({
  root: 'apps/web',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // registered from main.tsx (virtual:pwa-register) once the first screen is up
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'OpsQuest',
        short_name: 'OpsQuest',
        description: 'The gamified operations console for NOC engineers, field technicians and leads.',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#0d1117',
        theme_color: '#161b22',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: NAVIGATE_FALLBACK_DENYLIST,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // The reads worth having offline: the session check, who I am and my progress, my work queues,
            // missions, the feed, the leaderboard. Admin, audit, rules, logins and integrations never stay on the device.
            // (Written out here: Workbox copies this function's text into sw.js, without its scope.)
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/api\/(auth\/session|me|work-items|missions|feed|leaderboard|insights\/me)(\/|$)/.test(url.pathname),
            method: 'GET',
            handler: 'NetworkFirst',
            options: {
              cacheName: API_CACHE,
              networkTimeoutSeconds: API_NETWORK_TIMEOUT_SECONDS,
              expiration: { maxEntries: API_CACHE_MAX_ENTRIES, maxAgeSeconds: API_CACHE_MAX_AGE_SECONDS },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
