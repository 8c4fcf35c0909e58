/**
 * The integration contract: import from here (`shared/api`) in the app, the
 * sandbox and tests. Money helpers live in `shared/money`.
 */
export * from './errors';
export * from './paths';
export * from './routes';
export * from './schemas';
