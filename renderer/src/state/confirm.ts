import { create } from 'zustand';
import type { CommitResult, MutationRequest } from '../bridge/types';

export type ConfirmRequest = {
  request: MutationRequest;
  /** Short imperative title, e.g. "Top up ten_000001". */
  title: string;
  /** Called after a definitive commit, e.g. to select the new workload. */
  onCommitted?: (result: CommitResult) => void;
};

type ConfirmState = {
  current: ConfirmRequest | null;
  open: (request: ConfirmRequest) => void;
  close: () => void;
};

/** The single confirm-before-commit dialog's queue of one. */
export const useConfirm = create<ConfirmState>((set) => ({
  current: null,
  open: (current) => set({ current }),
  close: () => set({ current: null }),
}));

export const requestConfirm = (request: ConfirmRequest) => useConfirm.getState().open(request);
