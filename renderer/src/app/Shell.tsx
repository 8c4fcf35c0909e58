import { CommandPalette } from '../components/CommandPalette';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { HelpOverlay } from '../components/HelpOverlay';
import { TenantSwitcher } from '../components/TenantSwitcher';
import { Toasts } from '../components/Toasts';
import { OfflineBanner } from '../offline/OfflineBanner';
import { useConnection, useWriteGate } from '../queries/connection';
import { useConfirm } from '../state/confirm';
import { useOverlays } from '../state/overlays';
import { environmentOf } from './environment';
import { ScreenRouter } from './ScreenRouter';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';

function EnvironmentBanner() {
  const { data } = useConnection();
  const env = environmentOf(data);
  const gate = useWriteGate();
  if (env.kind === 'production') {
    return (
      <div className="env-banner env-banner-production" role="note" data-testid="env-banner">
        <strong>PRODUCTION</strong> — changes here move real credits for real tenants. There is no undo.
      </div>
    );
  }
  if (data?.environmentMismatch) {
    return (
      <div className="env-banner env-banner-mismatch" role="alert">
        This profile expects <strong>{data.environmentMismatch.expected}</strong>, but the backend says it is{' '}
        <strong>{data.environmentMismatch.actual}</strong>.{' '}
        {data.acknowledged ? 'Acknowledged.' : 'Writes are blocked until you acknowledge it in Settings.'}
      </div>
    );
  }
  if (data && (data.state === 'unreachable' || data.state === 'error' || data.state === 'unauthorized')) {
    return (
      <div className="env-banner env-banner-mismatch" role="alert" data-testid="connection-banner">
        {data.state === 'unauthorized'
          ? 'The backend rejected this profile’s token. Enter a new one in Settings.'
          : `Backend unreachable${data.error ? `: ${data.error.message}` : ''}. Retrying every few seconds; writes are disabled until it answers.`}
      </div>
    );
  }
  if (!gate.allowed && data?.me?.actor.role === 'support') {
    return (
      <div className="env-banner env-banner-readonly" role="note">
        {gate.reason}
      </div>
    );
  }
  return null;
}

export function Shell() {
  useGlobalShortcuts();
  const { data } = useConnection();
  const env = environmentOf(data);
  const overlay = useOverlays((s) => s.open);
  const confirmOpen = useConfirm((s) => s.current !== null);
  // Everything behind a modal is inert, so focus and screen readers stay in the modal.
  const inert = confirmOpen || overlay !== null;
  return (
    <div className={`app env-${env.kind ?? 'unknown'}`} data-env={env.kind ?? 'unknown'}>
      <div className="app-chrome" inert={inert}>
        <OfflineBanner />
        <EnvironmentBanner />
        <TopBar />
        <div className="app-body">
          <Sidebar />
          <main className="screen" id="main">
            <ScreenRouter />
          </main>
        </div>
      </div>
      {overlay === 'palette' ? <CommandPalette /> : null}
      {overlay === 'help' ? <HelpOverlay /> : null}
      {overlay === 'tenants' ? <TenantSwitcher /> : null}
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
