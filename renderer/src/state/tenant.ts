import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

const MAX_RECENT = 8;

type TenantState = {
  /** The tenant the tenant-scoped screens show. Ids only: names and balances are server state. */
  tenantId: string | null;
  recent: string[];
  select: (tenantId: string) => void;
  clear: () => void;
};

export const useTenant = create<TenantState>()(
  persist(
    (set) => ({
      tenantId: null,
      recent: [],
      select: (tenantId) =>
        set((s) => ({
          tenantId,
          recent: [tenantId, ...s.recent.filter((id) => id !== tenantId)].slice(0, MAX_RECENT),
        })),
      clear: () => set({ tenantId: null }),
    }),
    { name: 'operator.tenant', storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);
