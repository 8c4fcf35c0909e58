/** True on macOS, where ⌘ replaces Ctrl in shortcuts. */
export function isMac(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? nav.platform ?? '';
  return /mac/i.test(platform) || /Mac OS X/.test(nav.userAgent);
}

/** The primary modifier pressed in a keyboard event (⌘ on macOS, Ctrl elsewhere). */
export function hasMod(e: KeyboardEvent | React.KeyboardEvent): boolean {
  return isMac() ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

/** Renders a shortcut like "Mod+K" for this platform: "⌘K" or "Ctrl+K". */
export function shortcutLabel(spec: string): string {
  const mac = isMac();
  return spec
    .split('+')
    .map((part) => {
      if (part === 'Mod') return mac ? '⌘' : 'Ctrl';
      if (part === 'Shift') return mac ? '⇧' : 'Shift';
      if (part === 'Alt') return mac ? '⌥' : 'Alt';
      return part;
    })
    .join(mac ? '' : '+');
}

/** Ignore single-key shortcuts while the operator is typing. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
