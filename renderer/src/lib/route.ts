/** The queue board is the same app at /board (served by the hub to any screen). */
export function isBoardPage(): boolean {
  return window.location.protocol !== 'file:' && window.location.pathname.replace(/\/$/, '').endsWith('/board');
}
