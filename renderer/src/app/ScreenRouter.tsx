import { AdminScreen } from '../screens/admin/AdminScreen';
import { EndpointsScreen } from '../screens/endpoints/EndpointsScreen';
import { JournalScreen } from '../screens/journal/JournalScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { WalletScreen } from '../screens/wallet/WalletScreen';
import { WorkloadsScreen } from '../screens/workloads/WorkloadsScreen';
import { useNavigation } from '../state/navigation';

export function ScreenRouter() {
  const screen = useNavigation((s) => s.route.screen);
  switch (screen) {
    case 'workloads':
      return <WorkloadsScreen />;
    case 'endpoints':
      return <EndpointsScreen />;
    case 'wallet':
      return <WalletScreen />;
    case 'admin':
      return <AdminScreen />;
    case 'journal':
      return <JournalScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
