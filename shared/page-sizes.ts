/**
 * How many ledger rows the Wallet screen asks for: a small first page paints
 * fast; later pages are large so a long scroll needs few round trips. Shared so
 * the proxy benchmark measures the page the app really requests.
 */
export const LEDGER_FIRST_PAGE = 100;
export const LEDGER_NEXT_PAGE = 500;
