// The dashboard webview's script (bundled by esbuild as dist/webview/dashboard.js). It renders what
// the extension posts, remembers the filter across reloads (`setState`), reports filter changes
// and bar activations (click, Enter, Space) back, and, after each render, tells the extension what
// the DOM shows, which the integration tests assert on.
import { type DashboardInput, renderDashboard } from './dashboardView';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function domSummary(): Record<string, string[]> {
  const texts = (selector: string): string[] => [...root.querySelectorAll(selector)].map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim());
  return { heading: texts('h1'), cards: texts('.card'), stages: texts('.bar.stage'), conversion: texts('.conversion li'), months: texts('.bar.month'), sources: texts('.bar.source'), owners: texts('.bar.owner'), lost: texts('.bar.lost'), plan: texts('.plan h2, .plan-row, .plan .card'), time: texts('.time h2, .time .card') };
}

function render(input: DashboardInput): void {
  // Keep focus on the same bar across live updates, for keyboard users.
  const focused = document.activeElement instanceof Element ? `${document.activeElement.getAttribute('data-kind')}|${document.activeElement.getAttribute('data-key')}` : undefined;
  root.innerHTML = renderDashboard(input);
  vscode.setState({ filter: input.filter });
  if (focused) {
    for (const el of root.querySelectorAll<HTMLElement | SVGElement>('[data-kind]')) {
      if (`${el.getAttribute('data-kind')}|${el.getAttribute('data-key')}` === focused) el.focus();
    }
  }
  vscode.postMessage({ type: 'rendered', dom: domSummary() });
}

function activate(target: EventTarget | null): void {
  const bar = target instanceof Element ? target.closest('[data-kind]') : null;
  if (bar) vscode.postMessage({ type: 'showClients', kind: bar.getAttribute('data-kind'), key: bar.getAttribute('data-key') ?? '' });
}

root.addEventListener('click', (event) => activate(event.target));
root.addEventListener('keydown', (event) => {
  if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof Element && event.target.hasAttribute('data-kind')) {
    event.preventDefault();
    activate(event.target);
  }
});
root.addEventListener('change', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form') : null;
  if (!form) return;
  const data = new FormData(form);
  const filter = { segment: String(data.get('segment') ?? ''), from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') };
  vscode.setState({ filter });
  vscode.postMessage({ type: 'filter', filter });
});
window.addEventListener('message', (event: MessageEvent<{ type: string; input?: DashboardInput }>) => {
  if (event.data.type === 'render' && event.data.input) render(event.data.input);
});
vscode.postMessage({ type: 'ready', state: vscode.getState() });
