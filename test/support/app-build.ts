/** The tests build the app as the demo stack does (server/dev/app-build.ts). */
export * from '../../server/dev/app-build.ts';
