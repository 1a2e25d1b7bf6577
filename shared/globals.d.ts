/** Injected at build time from package.json by scripts/build.mjs. */
declare const __APP_VERSION__: string;
