import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// happy-dom does no layout, so a virtualized grid would measure 0×0 and render
// no rows. Give grid scroll containers a desktop-sized viewport.
for (const [prop, size] of [
  ['clientHeight', 600],
  ['clientWidth', 1000],
] as const) {
  const original =
    Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop) ??
    Object.getOwnPropertyDescriptor(Element.prototype, prop);
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.classList.contains('grid-scroll')) return size;
      return original?.get?.call(this) ?? 0;
    },
  });
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  history.replaceState(null, '', '#/');
});
