// Vite (electron-vite and vitest) inlines `?raw` imports as strings: used for the SQL migrations.
declare module '*?raw' {
  const text: string
  export { text as default }
}
