import { ScreenHeader } from '../../components/ScreenHeader';
import { OfflineCachePanel } from '../../offline/OfflineCachePanel';
import { ConnectionPanel } from './ConnectionPanel';
import { PreferencesPanel } from './PreferencesPanel';
import { ProfilesPanel } from './ProfilesPanel';

export function SettingsScreen() {
  return (
    <>
      <ScreenHeader title="Settings" subtitle="Backend configuration, credentials and confirmation rules." />
      <div className="settings-grid">
        <ConnectionPanel />
        <PreferencesPanel />
        <ProfilesPanel />
        <OfflineCachePanel />
      </div>
    </>
  );
}
