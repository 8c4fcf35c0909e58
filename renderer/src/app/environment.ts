import type { ConnectionStatus, EnvironmentKind } from '../bridge/types';

/**
 * Which environment the window is accented for. The backend's own answer
 * (GET /v1/me) wins over what the profile expects: the accent must tell the
 * truth even when a staging profile points at production.
 */
export function environmentOf(status: ConnectionStatus | undefined): {
  kind: EnvironmentKind | null;
  label: string;
} {
  const actual = status?.me?.environment;
  if (actual) return { kind: actual.kind, label: actual.kind.toUpperCase() };
  const expected = status?.profile?.expectedKind;
  if (expected) return { kind: expected, label: `${expected.toUpperCase()} (expected)` };
  return { kind: null, label: 'not connected' };
}
