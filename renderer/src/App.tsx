import { Providers } from './app/Providers';
import { Shell } from './app/Shell';
import './styles/index.css';

export function App() {
  return (
    <Providers>
      <Shell />
    </Providers>
  );
}
