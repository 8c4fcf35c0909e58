import { useEffect, useState } from 'react';
import { operator } from './bridge/operator';

export function App() {
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    operator()
      .app.version()
      .then((result) => {
        if (result.ok) setVersion(`${result.value.version} (${result.value.runtime})`);
        else setError(result.error.message);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <main>
      <h1>ModelMachines Operator</h1>
      {error ? <p role="alert">{error}</p> : <p data-testid="app-version">Version {version ?? '…'}</p>}
    </main>
  );
}
