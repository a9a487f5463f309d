/** The queue board is the same app at /board (served by the hub to any screen). */
export function isBoardPage(): boolean {
  return window.location.protocol !== 'file:' && window.location.pathname.replace(/\/$/, '').endsWith('/board');
}

/** The participant's feedback card on a phone is the same app at /feedback (served by the hub). */
export function isFeedbackPage(): boolean {
  return window.location.protocol !== 'file:' && window.location.pathname.replace(/\/$/, '').endsWith('/feedback');
}
