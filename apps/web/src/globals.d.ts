/** This page's build, compiled in by vite.config.ts; null in development (see app-version.ts). */
declare const __CARE_BUILD__: string | null;
