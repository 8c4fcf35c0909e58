import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../bridge/client';
import type { EnvironmentKind, ProfileView } from '../../bridge/types';
import { ErrorState } from '../../components/ErrorState';
import { Field } from '../../components/Field';
import { connectionKey, useProfiles } from '../../queries/connection';
import { toast } from '../../state/toasts';

const KINDS: EnvironmentKind[] = ['sandbox', 'staging', 'production'];

export function ProfilesPanel() {
  const profiles = useProfiles();
  const [editing, setEditing] = useState<ProfileView | 'new' | null>(null);
  return (
    <section className="panel panel-wide" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Connection profiles</h2>
      <p className="help">
        Address of the API serving this workspace. The app's core (not this window) talks to it and holds the
        token.
      </p>
      {profiles.data?.notice ? (
        <p className="callout callout-warn" role="alert">
          {profiles.data.notice}
        </p>
      ) : null}
      {profiles.isError ? (
        <ErrorState error={profiles.error} onRetry={() => void profiles.refetch()} />
      ) : null}
      {profiles.data ? (
        <table className="table" data-testid="profiles-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Backend URL</th>
              <th scope="col">Expected</th>
              <th scope="col">Token</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {profiles.data.profiles.map((p) => (
              <ProfileRow
                key={p.id}
                profile={p}
                active={p.id === profiles.data.activeProfileId}
                onEdit={() => setEditing(p)}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          Add profile…
        </button>
      </div>
      {editing ? (
        <ProfileForm
          key={editing === 'new' ? 'new' : editing.id}
          profile={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}

function useRefreshConnection() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['connection'] });
  };
}

function ProfileRow({
  profile: p,
  active,
  onEdit,
}: {
  profile: ProfileView;
  active: boolean;
  onEdit: () => void;
}) {
  const qc = useQueryClient();
  const refresh = useRefreshConnection();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const activate = useMutation({
    mutationFn: () => call('connection.activate', { profileId: p.id }),
    onSuccess: (status) => {
      qc.setQueryData(connectionKey, status);
      // Another backend: everything cached belongs to the previous one.
      void qc.resetQueries({ predicate: (q) => q.queryKey[0] !== 'connection' });
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => call('connection.deleteProfile', { profileId: p.id }),
    onSuccess: () => {
      toast({ tone: 'info', title: `Profile ${p.name} deleted` });
      refresh();
    },
  });
  return (
    <>
      <tr className={active ? 'is-selected' : undefined}>
        <td>
          <span className="swatch" style={{ background: p.color }} aria-hidden="true" /> {p.name}
          {active ? <span className="tag">active</span> : null}
          {p.builtIn ? <span className="tag">built-in</span> : null}
        </td>
        <td>
          <code className="break">{p.baseUrl}</code>
        </td>
        <td>{p.expectedKind}</td>
        <td>{p.hasToken ? (p.tokenPersisted ? 'saved (sealed)' : 'this session only') : 'none'}</td>
        <td className="row-actions">
          {!active ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => activate.mutate()}
              disabled={activate.isPending}
            >
              Use
            </button>
          ) : null}
          <button type="button" className="btn btn-small" onClick={onEdit}>
            Edit
          </button>
          {!p.builtIn ? (
            confirmDelete ? (
              <>
                <button type="button" className="btn btn-small btn-danger" onClick={() => remove.mutate()}>
                  Delete {p.name}
                </button>
                <button type="button" className="btn btn-small" onClick={() => setConfirmDelete(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="btn btn-small" onClick={() => setConfirmDelete(true)}>
                Delete…
              </button>
            )
          ) : null}
        </td>
      </tr>
      {activate.error || remove.error ? (
        <tr>
          <td colSpan={5}>
            <ErrorState error={activate.error ?? remove.error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ProfileForm({ profile, onDone }: { profile: ProfileView | null; onDone: () => void }) {
  const refresh = useRefreshConnection();
  const [name, setName] = useState(profile?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? 'https://');
  const [kind, setKind] = useState<EnvironmentKind>(profile?.expectedKind ?? 'staging');
  const [color, setColor] = useState(profile?.color ?? '#2f6feb');
  const [insecure, setInsecure] = useState(profile?.allowInsecureHttp ?? false);
  const [token, setToken] = useState('');
  const [tokenNote, setTokenNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const saved = await call('connection.saveProfile', {
        ...(profile ? { id: profile.id } : {}),
        name,
        baseUrl,
        expectedKind: kind,
        color,
        allowInsecureHttp: insecure,
      });
      if (token) {
        const result = await call('connection.setToken', { profileId: saved.id, token });
        // The token leaves this window right away; the field never shows it again.
        setToken('');
        setTokenNote(
          result.warning ??
            (result.persisted
              ? 'Token saved, sealed by the OS keychain.'
              : 'Token saved (this session only).'),
        );
      }
      return saved;
    },
    onSuccess: (saved) => {
      refresh();
      toast({ tone: 'success', title: `Profile ${saved.name} saved` });
      if (!token) onDone();
    },
  });
  const clear = useMutation({
    mutationFn: () => call('connection.clearToken', { profileId: profile?.id ?? '' }),
    onSuccess: () => {
      refresh();
      setTokenNote('Token removed.');
    },
  });
  return (
    <form
      className="profile-form"
      aria-label={profile ? `Edit profile ${profile.name}` : 'New profile'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3>{profile ? `Edit ${profile.name}` : 'New profile'}</h3>
      <div className="form-grid">
        <Field label="Name">
          {({ id }) => (
            <input
              id={id}
              className="input"
              value={name}
              required
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Backend URL"
          help="https, or http to this machine (loopback) only unless allowed below."
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input mono"
              value={baseUrl}
              aria-describedby={describedBy}
              required
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Expected environment"
          help="Writes are blocked if the backend says it is something else."
        >
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              value={kind}
              aria-describedby={describedBy}
              onChange={(e) => setKind(e.target.value as EnvironmentKind)}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Colour">
          {({ id }) => (
            <input
              id={id}
              type="color"
              className="input color"
              value={color}
              onChange={(e) => setColor(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="API token"
          optional
          help={
            profile?.hasToken
              ? 'A token is stored. Type a new one to replace it; it is never shown again.'
              : 'Write-only: the token goes to the app core and is never shown again.'
          }
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              type="password"
              className="input mono"
              autoComplete="off"
              value={token}
              aria-describedby={describedBy}
              onChange={(e) => setToken(e.target.value)}
            />
          )}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
        <span>
          Allow plain http to a non-loopback address (not recommended: the token travels unencrypted)
        </span>
      </label>
      {tokenNote ? (
        <p className="callout callout-warn" role="status" data-testid="token-note">
          {tokenNote}
        </p>
      ) : null}
      {save.error ? <ErrorState error={save.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save profile
        </button>
        {profile?.hasToken ? (
          <button type="button" className="btn" onClick={() => clear.mutate()}>
            Remove token
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}
