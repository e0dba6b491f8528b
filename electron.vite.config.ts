import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve('src/shared'), '@renderer': resolve('src/renderer/src') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        // index = the Electron shell; cli = the headless shell (`hookbench serve`). Both run the same core.
        input: {
          index: resolve('src/main/shell/electron/main.ts'),
          cli: resolve('src/main/shell/headless/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // Sandboxed preloads cannot load ES modules: keep this one CommonJS.
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    resolve: { alias },
    plugins: [react()],
    // electron-vite leaves the renderer unminified; the first page's JS is measured minified (issue 16).
    build: { minify: true },
  },
})
