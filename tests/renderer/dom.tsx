import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/**
 * A minimal stand-in for Testing Library: render with act(), and find elements the way a person
 * does — by the visible label of a field and by role plus accessible name.
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: { root: Root; container: HTMLElement }[] = [];

export async function render(ui: ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push({ root, container });
  await act(async () => {
    root.render(ui);
  });
  return container;
}

export async function cleanup(): Promise<void> {
  for (const { root, container } of mounted.splice(0)) {
    await act(async () => {
      root.unmount();
    });
    container.remove();
  }
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function queryByLabel(scope: ParentNode, text: string): HTMLInputElement | null {
  for (const label of scope.querySelectorAll('label')) {
    if (norm(label.textContent) !== text) continue;
    const target = label.htmlFor ? document.getElementById(label.htmlFor) : label.querySelector('input, select, textarea');
    if (target instanceof HTMLInputElement) return target;
  }
  return null;
}

export function getByLabel(scope: ParentNode, text: string): HTMLInputElement {
  const el = queryByLabel(scope, text);
  if (!el) throw new Error(`no field labelled "${text}" in:\n${textOf(scope)}`);
  return el;
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  alert: '[role="alert"]',
  status: '[role="status"]',
  navigation: 'nav, [role="navigation"]',
  link: 'a[href], [role="link"]',
};

function accessibleName(el: Element): string {
  return norm(el.getAttribute('aria-label') ?? el.textContent);
}

export function queryAllByRole(scope: ParentNode, role: string, opts: { name?: string | RegExp } = {}): HTMLElement[] {
  const selector = ROLE_SELECTORS[role];
  if (!selector) throw new Error(`role ${role} not supported by this helper`);
  return [...scope.querySelectorAll<HTMLElement>(selector)].filter((el) => {
    if (opts.name === undefined) return true;
    const name = accessibleName(el);
    return typeof opts.name === 'string' ? name === opts.name : opts.name.test(name);
  });
}

export function queryByRole(scope: ParentNode, role: string, opts: { name?: string | RegExp } = {}): HTMLElement | null {
  return queryAllByRole(scope, role, opts)[0] ?? null;
}

export function getByRole(scope: ParentNode, role: string, opts: { name?: string | RegExp } = {}): HTMLElement {
  const found = queryAllByRole(scope, role, opts);
  if (found.length !== 1) {
    throw new Error(`expected one ${role} named ${String(opts.name)}, found ${found.length} in:\n${textOf(scope)}`);
  }
  return found[0] as HTMLElement;
}

export function textOf(scope: ParentNode): string {
  return norm((scope as Node).textContent);
}

/** Types into a controlled input: sets the value through the native setter so React sees a change. */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    if (!setter) throw new Error('no native value setter');
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
}

/**
 * Retries an assertion until it passes (async store calls settle a few ticks later). The limit is
 * generous because CI machines are loaded; a passing check returns at once.
 */
export async function waitFor<T>(check: () => T, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
    }
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}
