import { create } from 'zustand';

type Overlay = 'palette' | 'help' | 'tenants' | null;

type OverlayState = {
  open: Overlay;
  show: (overlay: Exclude<Overlay, null>) => void;
  close: () => void;
};

/** One overlay at a time: opening the palette closes help and vice versa. */
export const useOverlays = create<OverlayState>((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
